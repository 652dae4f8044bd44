"""How each AU slider moves the face, read two ways on held-out crops: by the AU estimator and by landmark
geometry (dlib's 68 points on the edited crop, through `tools/face_landmarks`, and the fitted readings).

    python3 -m ganimation.warpgen.responsiveness --model MODEL_DIR --crops DIR LANDMARKS.csv \
        --teacher TEACHER.json --landmarker ../build/face_landmarks --faces 40 --out DIR

Each face is edited the way the studio edits it (the change from its own AUs, as the estimator reads
them, to the same AUs with one AU set to 0, 0.5 and 1); r is the Pearson correlation, over faces and
levels, between the value asked for and the value read back.
"""
import argparse
import csv
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import torch
from PIL import Image

from ..action_units import au_codes
from ..landmarks import read_landmarks_rows
from .data import LandmarkedFaces, load
from .export import SOFT_PAINT_DESIGN
from .network import studio_edit
from .targets import DEFAULT_ESTIMATOR, VAL_FRACTION, Teacher, estimator_readings

LEVELS = (0.0, 0.5, 1.0)
LANDMARK_MODEL = "/usr/share/dlib/shape_predictor_68_face_landmarks.dat"


def edit(generator, faces_u8: np.ndarray, own: np.ndarray, target: np.ndarray, soft_paint: bool = False) -> np.ndarray:
    """The studio's edit of N crops: input + (render at target - render at own), clamped; uint8 out."""
    x = torch.from_numpy(faces_u8).permute(0, 3, 1, 2).float() / 255
    with torch.no_grad():
        after = generator(x * 2 - 1, torch.from_numpy(target))
        before = generator(x * 2 - 1, torch.from_numpy(own))
        out = studio_edit(x, after, before, soft_paint).clamp(0, 1)
    return (out.permute(0, 2, 3, 1).numpy() * 255 + 0.5).astype(np.uint8)


def landmarks_of(images: np.ndarray, landmarker: str) -> np.ndarray:
    with tempfile.TemporaryDirectory() as d:
        paths = []
        for i, img in enumerate(images):
            p = Path(d) / f"{i:05d}.png"
            Image.fromarray(img).save(p)
            paths.append(str(p))
        proc = subprocess.run([landmarker, LANDMARK_MODEL], input="\n".join(paths) + "\n", capture_output=True,
                              text=True, check=True)
        table = read_landmarks_rows(csv.DictReader(proc.stdout.splitlines()))
        return np.stack([table[Path(p).name] for p in paths])


def measure(generator, faces: LandmarkedFaces, teacher: Teacher, landmarker: str, estimator=DEFAULT_ESTIMATOR,
            soft_paint: bool = False) -> dict:
    codes = au_codes()
    own = estimator_readings(faces.images, estimator)
    result = {}
    for k, code in enumerate(codes):
        asked, by_est, by_geo = [], [], []
        for level in LEVELS:
            target = own.copy()
            target[:, k] = level
            edited = edit(generator, faces.images, own, target, soft_paint)
            by_est.append(estimator_readings(edited, estimator)[:, k])
            by_geo.append(teacher.reader.read(landmarks_of(edited, landmarker))[:, k])
            asked.append(np.full(len(faces), level))
        a, e, g = (np.concatenate(v) for v in (asked, by_est, by_geo))
        result[code] = {"estimator_r": float(np.corrcoef(a, e)[0, 1]), "geometry_r": float(np.corrcoef(a, g)[0, 1]),
                        "estimator_at": [float(v.mean()) for v in by_est],
                        "geometry_at": [float(v.mean()) for v in by_geo]}
        print(f"{code}: estimator r {result[code]['estimator_r']:.2f}, geometry r {result[code]['geometry_r']:.2f}",
              flush=True)
    return result


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python3 -m ganimation.warpgen.responsiveness", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", required=True, help="a warp-residual model directory")
    p.add_argument("--crops", nargs=2, required=True, metavar=("DIR", "LANDMARKS"))
    p.add_argument("--teacher", required=True)
    p.add_argument("--landmarker", required=True, help="tools/face_landmarks, built")
    p.add_argument("--faces", type=int, default=40)
    p.add_argument("--out", required=True)
    a = p.parse_args(argv)
    torch.set_num_threads(2)
    _, held = load(*a.crops).split(VAL_FRACTION)
    held = held.subset(np.arange(min(a.faces, len(held))))
    generator = torch.jit.load(str(Path(a.model) / "generator.pt"), map_location="cpu").eval()
    design = json.loads((Path(a.model) / "model.json").read_text(encoding="utf-8"))["architecture"]["name"]
    result = measure(generator, held, Teacher.load(a.teacher), a.landmarker, soft_paint=design == SOFT_PAINT_DESIGN)
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "responsiveness.json").write_text(json.dumps({"faces": len(held), "levels": LEVELS, "aus": result},
                                                        indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
