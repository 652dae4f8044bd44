"""Training targets of the warp-residual generator, made once and kept on disk (a "bank"), since the
teacher's thin-plate spline and mouth take ~30 ms a face and the network's step must not wait for them.

    python3 -m ganimation.warpgen.targets fit  --crops DIR LANDMARKS.csv [DIR LANDMARKS.csv ...] --out TEACHER.json
    python3 -m ganimation.warpgen.targets bank --crops DIR LANDMARKS.csv [...] --teacher TEACHER.json \
        --out BANK_DIR --per-face 3 [--workers 2]

A bank holds, per sample: the face's index and crop (uint8), its own readings, the target AU vector, the
teacher's flow (float16, 2 x G x G) and the mouth's fill (uint8 colour and weight, S x S). Faces on the
held-out side of the split (10 % of source photos) never enter a bank.
"""
import argparse
import json
import sys
from multiprocessing import Pool
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

import numpy as np
import torch

from ..action_units import au_codes
from .data import LandmarkedFaces, load
from .geometry import GeometryReader
from .teacher import AU45, MouthModel, ShapeModel, teach

PRESETS_FILE = (Path(__file__).resolve().parents[3] / "model-core" / "src" / "main" / "resources" / "org"
                / "ganimationstudio" / "model" / "presets.json")
DEFAULT_ESTIMATOR = Path(__file__).resolve().parents[3] / "assets" / "models" / "estimator" / "estimator.pt"
FLOW_GRID = 32
VAL_FRACTION = 0.1


def preset_vectors(codes: Sequence[str]) -> Dict[str, Tuple[np.ndarray, np.ndarray]]:
    """Each preset as (its AU values, which AUs it keeps as the face shows them), as model-core reads them."""
    with open(PRESETS_FILE, encoding="utf-8") as f:
        presets = json.load(f)["presets"]
    out = {}
    for p in presets:
        v = np.zeros(len(codes), np.float32)
        for code, value in p["aus"].items():
            v[codes.index(code)] = value
        keep = np.zeros(len(codes), bool)
        keep[[codes.index(code) for code in p.get("keeps", [])]] = True
        out[p["id"]] = (v, keep)
    return out


def sample_target(own: np.ndarray, presets: List[Tuple[np.ndarray, np.ndarray]],
                  rng: np.random.Generator) -> np.ndarray:
    """What users ask for: a preset from the face's own expression at some intensity (as the studio's
    presets and `--intensity` do; the AUs a preset keeps stay as the face shows them), a few AUs moved on
    their own (the sliders), or the face as it is."""
    u = rng.random()
    if u < 0.55:
        values, keep = presets[rng.integers(len(presets))]
        t = own + rng.uniform(0.3, 1.0) * (np.where(keep, own, values) - own)
    elif u < 0.9:
        t = own.copy()
        for k in rng.choice(len(own), size=rng.integers(1, 4), replace=False):
            t[k] = rng.random()
    else:
        t = own.copy()
    # A blink, on top of any of these: the teacher's lids are the one part no face in the data shows, and
    # one AU in 17 moved at random would seldom ask for them.
    if rng.random() < 0.1:
        t[AU45] = rng.uniform(0.3, 1.0)
    return np.clip(t, 0, 1).astype(np.float32)


class Teacher:
    def __init__(self, reader: GeometryReader, shape: ShapeModel, mouth: MouthModel):
        self.reader, self.shape, self.mouth = reader, shape, mouth

    @classmethod
    def fit(cls, faces: LandmarkedFaces) -> "Teacher":
        reader = GeometryReader.fit(faces.points)
        readings = reader.read(faces.points)
        shape = ShapeModel.fit(faces.points, readings, au_codes())
        gaps = np.linalg.norm(faces.points[:, 62] - faces.points[:, 66], axis=1)
        mouth = MouthModel.fit(faces.images / 255.0, faces.points, gaps, float(np.quantile(gaps, 0.85)))
        return cls(reader, shape, mouth)

    def save(self, path) -> None:
        d = {"geometry": self.reader.to_json(), "shape": self.shape.to_json(), "mouth": self.mouth.to_json()}
        Path(path).write_text(json.dumps(d), encoding="utf-8")

    @classmethod
    def load(cls, path) -> "Teacher":
        d = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(GeometryReader.from_json(d["geometry"]), ShapeModel.from_json(d["shape"]),
                   MouthModel.from_json(d["mouth"]))


def load_training_faces(pairs: Sequence[str]) -> LandmarkedFaces:
    if len(pairs) % 2:
        raise SystemExit("--crops takes pairs: a crop folder and its landmarks CSV")
    sets = [load(pairs[i], pairs[i + 1]) for i in range(0, len(pairs), 2)]
    train, _ = LandmarkedFaces.concat(sets).split(VAL_FRACTION)
    return train


_WORK = {}


def _init(teacher_path, images, points):
    _WORK["teacher"] = Teacher.load(teacher_path)
    _WORK["images"], _WORK["points"] = images, points


def _one(job):
    i, own, target = job
    t = _WORK["teacher"]
    out = teach(_WORK["images"][i] / 255.0, _WORK["points"][i], own, target, t.shape, t.mouth, FLOW_GRID)
    fill = np.clip(out["fill"] * 255 + 0.5, 0, 255).astype(np.uint8)
    weight = np.clip(out["weight"] * 255 + 0.5, 0, 255).astype(np.uint8)
    return out["flow"].astype(np.float16), fill, weight


def estimator_readings(images: np.ndarray, estimator_file, batch: int = 64) -> np.ndarray:
    """The AU estimator's readings of N x S x S x 3 uint8 crops: what the studio reads as a face's own
    expression, and so what an edit starts from."""
    net = torch.jit.load(str(estimator_file), map_location="cpu").eval()
    out = []
    with torch.no_grad():
        for i in range(0, len(images), batch):
            x = torch.from_numpy(np.ascontiguousarray(images[i:i + batch])).permute(0, 3, 1, 2).float() / 127.5 - 1
            out.append(net(x).clamp(0, 1).numpy())
    return np.concatenate(out).astype(np.float32)


def build_bank(faces: LandmarkedFaces, teacher_path, out_dir, per_face: int, workers: int, seed: int = 0,
               estimator_file=DEFAULT_ESTIMATOR) -> int:
    """The teacher moves each face from the estimator's reading of it (the studio's "as photographed",
    where an edit must change nothing) to a target; its shape model turns that difference into landmark
    motion."""
    teacher = Teacher.load(teacher_path)
    codes = au_codes()
    vectors = preset_vectors(codes)
    presets = [v for k, v in vectors.items() if k != "neutral"] + [vectors["neutral"]]
    own = estimator_readings(faces.images, estimator_file)
    rng = np.random.default_rng(seed)
    jobs = [(i, own[i], sample_target(own[i], presets, rng)) for i in range(len(faces)) for _ in range(per_face)]
    n, s = len(jobs), faces.images.shape[1]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    np.save(out / "faces.npy", faces.images)
    np.save(out / "index.npy", np.array([j[0] for j in jobs], np.int32))
    np.save(out / "own.npy", np.stack([j[1] for j in jobs]).astype(np.float32))
    np.save(out / "target.npy", np.stack([j[2] for j in jobs]))
    flow = np.lib.format.open_memmap(out / "flow.npy", "w+", np.float16, (n, 2, FLOW_GRID, FLOW_GRID))
    fill = np.lib.format.open_memmap(out / "fill.npy", "w+", np.uint8, (n, 3, s, s))
    weight = np.lib.format.open_memmap(out / "weight.npy", "w+", np.uint8, (n, s, s))
    with Pool(workers, initializer=_init, initargs=(str(teacher_path), faces.images, faces.points)) as pool:
        for k, (f, c, w) in enumerate(pool.imap(_one, jobs, chunksize=16)):
            flow[k], fill[k], weight[k] = f, c, w
            if k % 2000 == 0:
                print(f"{k}/{n} targets", flush=True)
    flow.flush(), fill.flush(), weight.flush()
    (out / "bank.json").write_text(json.dumps({"samples": n, "faces": len(faces), "flowGrid": FLOW_GRID,
                                               "crops": faces.names[:3] + ["..."]}), encoding="utf-8")
    return n


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python3 -m ganimation.warpgen.targets", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    f = sub.add_parser("fit", help="fit the geometric readings, the shape model and the mouth on training crops")
    f.add_argument("--crops", nargs="+", required=True)
    f.add_argument("--out", required=True)
    b = sub.add_parser("bank", help="make training targets")
    b.add_argument("--crops", nargs="+", required=True)
    b.add_argument("--teacher", required=True)
    b.add_argument("--out", required=True)
    b.add_argument("--per-face", type=int, default=3)
    b.add_argument("--workers", type=int, default=2)
    b.add_argument("--seed", type=int, default=0)
    b.add_argument("--estimator", default=str(DEFAULT_ESTIMATOR), help="the AU estimator whose reading is a "
                   "face's own expression (default: the shipped one)")
    b.add_argument("--limit", type=int, default=0, help="use only the first N training faces")
    a = p.parse_args(argv)
    faces = load_training_faces(a.crops)
    if a.cmd == "fit":
        Teacher.fit(faces).save(a.out)
        print(f"fitted on {len(faces)} training crops: {a.out}")
    else:
        if a.limit:
            faces = faces.subset(np.arange(min(a.limit, len(faces))))
        n = build_bank(faces, a.teacher, a.out, a.per_face, a.workers, a.seed, a.estimator)
        print(f"{n} targets from {len(faces)} faces in {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
