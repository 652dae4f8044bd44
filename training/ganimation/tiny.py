"""A tiny end-to-end training run on synthetic crops, for tests: crops -> estimator -> generator.

  python3 -m ganimation.tiny --out DIR

The crops are jittered copies of the face in the public-domain sample portrait, with random AU
labels, so the run needs no dataset. DIR receives crops/ (+ labels.csv), estimator/ and generator/
model directories, and readings.json (the estimator's reading of each crop, for parity checks).
"""
import argparse
import json
import sys
from pathlib import Path

import numpy as np
import torch
from PIL import Image

from .augment import colour, geometric
from .data import load_crops, to_model_range, write_openface_csv, save_png
from .estimator import EstimatorEnsemble, predict, train as train_estimator
from .model_dir import export_estimator, load_estimator
from .train import export_run
from .trainer import TrainConfig, Trainer

SAMPLE = Path(__file__).resolve().parents[2] / "assets" / "samples" / "astronaut.png"
# The face of the sample portrait with the studio's crop margin (x, y, side in pixels).
SAMPLE_FACE = (112, 11, 227)
TINY_CONFIG = dict(conv_dim=8, repeat_num=1, critic_dim=8, batch=4, critic_steps=2, log_every=1,
                   checkpoint_every=1000, epochs=10, decay_epochs=2)


def synthetic_crops(out: Path, count: int = 16, size: int = 128, seed: int = 0) -> Path:
    """Writes `count` jittered face crops and a labels.csv of random AUs (OpenFace columns, 0-5)."""
    out.mkdir(parents=True, exist_ok=True)
    x, y, side = SAMPLE_FACE
    with Image.open(SAMPLE) as im:
        face = im.convert("RGB").crop((x, y, x + side, y + side)).resize((size, size), Image.BICUBIC)
    base = to_model_range(torch.from_numpy(np.asarray(face).transpose(2, 0, 1).copy()).unsqueeze(0))
    gen = torch.Generator().manual_seed(seed)
    batch = colour(geometric(base.repeat(count, 1, 1, 1), gen), gen)
    names = []
    for i in range(count):
        name = f"face{i:03d}.png"
        save_png(batch[i], out / name)
        names.append(name)
    rng = np.random.default_rng(seed)
    write_openface_csv(out / "labels.csv", names, rng.uniform(0, 5, size=(count, 17)).round(2))
    return out


def run(out: Path, seed: int = 0) -> dict:
    torch.manual_seed(seed)
    crops = synthetic_crops(out / "crops", seed=seed)
    data = load_crops(crops, crops / "labels.csv")
    # Two seeds joined, like the shipped estimator, so the Java side reads an ensemble.
    members = [train_estimator(data, data, epochs=1, batch=8, seed=seed + k, log=lambda s: None) for k in (0, 1)]
    stats = members[0][1]
    export_estimator(EstimatorEnsemble([m for m, _ in members]), out / "estimator",
                     provenance={"description": "tiny test estimator (two seeds)"})
    scripted, _ = load_estimator(out / "estimator")
    readings = predict(scripted, data.images)
    (out / "readings.json").write_text(json.dumps(
        {n: [float(v) for v in r] for n, r in zip(data.names, readings)}, indent=1), encoding="utf-8")
    trainer = Trainer(TrainConfig(seed=seed, **TINY_CONFIG), data)
    losses = [trainer.step() for _ in range(4)]
    export_run(trainer, out, out / "generator")
    return {"estimator": stats, "losses": losses}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python3 -m ganimation.tiny", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", required=True, type=Path)
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args(argv)
    torch.set_num_threads(1)
    run(a.out, a.seed)
    print(f"wrote {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
