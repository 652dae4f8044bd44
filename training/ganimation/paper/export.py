"""Export a generator to a model directory.

  python3 -m ganimation.paper.export --out DIR --random --seed 0 --conv-dim 16 --repeat-num 2
  python3 -m ganimation.paper.export --out DIR --weights generator_state_dict.pt
  python3 -m ganimation.paper.export --out DIR --model-dir OLD_DIR   # same weights, this version's network code
"""
import argparse
import sys

import torch

from ..model_dir import export_generator, load_eager_generator, read_metadata
from .networks import Generator, randomize_norm_affine


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python3 -m ganimation.paper.export", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", required=True, help="model directory to write")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--random", action="store_true", help="randomly initialised weights (a test fixture)")
    src.add_argument("--weights", help="a state_dict of this package's Generator (torch.save)")
    src.add_argument("--model-dir", help="a generator model directory to write again (its weights, size and "
                                         "provenance are kept; the TorchScript is this version's)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--conv-dim", type=int, default=64)
    p.add_argument("--repeat-num", type=int, default=6)
    p.add_argument("--au-count", type=int, default=17)
    p.add_argument("--image-size", type=int, default=128)
    p.add_argument("--description", default=None)
    a = p.parse_args(argv)

    if a.model_dir:
        meta = read_metadata(a.model_dir)
        out = export_generator(load_eager_generator(a.model_dir), a.out, image_size=meta["input"]["size"],
                               provenance={k: v for k, v in meta["provenance"].items()
                                           if k not in ("createdAt", "torch")})
        print(f"wrote {out}")
        return 0
    if a.random:
        torch.manual_seed(a.seed)  # seeds the layers' initialisation below
    g = Generator(conv_dim=a.conv_dim, repeat_num=a.repeat_num, c_dim=a.au_count)
    if a.random:
        randomize_norm_affine(g, torch.Generator().manual_seed(a.seed))
        provenance = {"source": "random initialisation", "seed": a.seed,
                      "description": a.description or "randomly initialised generator (test fixture, not trained)"}
    else:
        state = torch.load(a.weights, map_location="cpu")
        g.load_state_dict(state)
        provenance = {"source": a.weights, "description": a.description or "exported generator weights"}
    out = export_generator(g, a.out, image_size=a.image_size, provenance=provenance)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
