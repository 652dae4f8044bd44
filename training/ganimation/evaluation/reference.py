"""Reference outputs of a model directory, computed by the eager PyTorch network.

Writes an .npz with image (N,3,H,W in [-1,1]), aus (N,c), color, attention and composite,
for comparing another runtime's output with PyTorch's.

  python3 -m ganimation.evaluation.reference --model-dir DIR --batch 8 --seed 1 --out ref.npz
"""
import argparse
import sys

import numpy as np
import torch

from ..model_dir import load_eager_generator, read_metadata
from ..paper.networks import composite


def reference_outputs(model_dir, batch: int, seed: int) -> dict:
    meta = read_metadata(model_dir)
    size = meta["input"]["size"]
    g = load_eager_generator(model_dir)
    rng = torch.Generator().manual_seed(seed)
    image = torch.rand(batch, 3, size, size, generator=rng) * 2 - 1
    aus = torch.rand(batch, g.c_dim, generator=rng)
    with torch.no_grad():
        color, attention = g(image, aus)
    return {"image": image, "aus": aus, "color": color, "attention": attention,
            "composite": composite(image, color, attention)}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python3 -m ganimation.evaluation.reference", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model-dir", required=True)
    p.add_argument("--batch", type=int, default=1)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", required=True)
    a = p.parse_args(argv)
    out = reference_outputs(a.model_dir, a.batch, a.seed)
    np.savez(a.out, **{k: v.numpy().astype(np.float32) for k, v in out.items()})
    return 0


if __name__ == "__main__":
    sys.exit(main())
