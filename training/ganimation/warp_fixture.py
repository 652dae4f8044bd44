"""A test fixture of the warp-residual generator design: C = warp(I, F) + dC, with A = 0.

The network is hand-set, not trained: its flow lifts the upper half of the crop by up to
`gain` crop sides as AU01 (inner brow raiser) goes from 0 to 1, and its colour residual and attention
are zero, so at AU01 = 0 it returns its input exactly. It shows that a second generator design loads
through model.json and renders through the same Java code as the paper's generator.

    python3 -m ganimation.warp_fixture --out assets/models/fixture-warp
"""
import argparse

import torch
from torch import nn

from .action_units import au_codes
from .model_dir import GENERATOR_FILE, GENERATOR_KIND, _write_model_dir

DESIGN = "warp-residual-generator"
FLOW_SIZE = 8


class WarpFixture(nn.Module):
    def __init__(self, c_dim: int = 17, gain: float = 0.04):
        super().__init__()
        self.c_dim = c_dim
        self.flow_size = FLOW_SIZE
        self.gain = nn.Parameter(torch.tensor([gain]))

    def forward(self, x: torch.Tensor, c: torch.Tensor):
        n, _, h, w = x.shape
        k = self.flow_size
        rows = torch.arange(k, dtype=x.dtype, device=x.device)
        upper = (rows < k // 2).to(x.dtype).view(1, k, 1)
        # Backward flow: the output samples the input below, so the upper half moves up.
        dy = self.gain * c[:, 0].view(n, 1, 1) * upper.expand(n, k, k)
        flow = torch.stack([torch.zeros_like(dy), dy], dim=1)
        residual = torch.zeros_like(x)
        attention = torch.zeros(n, 1, h, w, dtype=x.dtype, device=x.device)
        return flow, residual, attention


def export_fixture(out_dir, image_size: int = 128):
    net = WarpFixture(len(au_codes())).eval()
    arch = {"name": DESIGN, "auCount": net.c_dim, "flowSize": FLOW_SIZE,
            "parameters": sum(p.numel() for p in net.parameters())}
    return _write_model_dir(net, out_dir, kind=GENERATOR_KIND, file_key="generator", file_name=GENERATOR_FILE,
                            arch=arch, image_size=image_size, outputs={
                                "flow": {"channels": 2, "size": FLOW_SIZE, "units": "crop sides, backward"},
                                "colorResidual": {"channels": 3, "range": [-1.0, 1.0]},
                                "attention": {"channels": 1, "range": [0.0, 1.0]},
                                "composite": "attention * image + (1 - attention) * (warp(image, flow) + colorResidual)",
                            }, provenance={"source": "ganimation.warp_fixture",
                                           "description": "hand-set warp-residual fixture: AU01 lifts the upper "
                                                          "half of the crop; a test fixture, not a trained model"})


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--size", type=int, default=128)
    args = ap.parse_args(argv)
    print(export_fixture(args.out, args.size))


if __name__ == "__main__":
    main()
