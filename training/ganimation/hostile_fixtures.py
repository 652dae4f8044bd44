"""Model directories that lie, for the Java tests that show they are refused at load time.

Each has a model.json whose checksum matches its generator.pt, so only a check of the network itself
can catch it:

- `hostile-attention`: a paper-design generator whose attention is -3 everywhere (outside [0, 1]);
- `hostile-hangs`: a generator whose forward pass never returns (a `while` loop);
- `hostile-slow`: a loop-free generator that takes several seconds a face (120 products of 1024² matrices);
- `hostile-architecture`: a real 8-channel generator described as the 16-channel fixture, with no
  metadata inside the file to contradict it.

    python3 -m ganimation.hostile_fixtures --out ../model-core/src/test/resources/models
"""
import argparse
import json
import shutil
from pathlib import Path

import torch
from torch import nn

from .model_dir import GENERATOR_FILE, METADATA_FILE, _sha256, atomic_write
from .networks import Generator

FIXTURE = Path(__file__).resolve().parents[2] / "assets" / "models" / "fixture"


class NegativeAttention(nn.Module):
    def __init__(self):
        super().__init__()
        self.scale = nn.Parameter(torch.ones(1))

    def forward(self, x: torch.Tensor, c: torch.Tensor):
        color = torch.tanh(x * self.scale)
        attention = torch.full_like(x[:, :1], -3.0)
        return color, attention


class NeverReturns(nn.Module):
    def __init__(self):
        super().__init__()
        self.scale = nn.Parameter(torch.ones(1))

    def forward(self, x: torch.Tensor, c: torch.Tensor):
        y = x * self.scale
        while bool(y.sum() > -1e30):
            y = y * 1.0
        return y, y[:, :1]


class Slow(nn.Module):
    def __init__(self):
        super().__init__()
        self.scale = nn.Parameter(torch.ones(1))

    def forward(self, x: torch.Tensor, c: torch.Tensor):
        m = torch.ones(1024, 1024) * self.scale / 1024.0
        for _ in range(120):
            m = torch.mm(m, m)
        k = m[0, 0] * 0.0
        return torch.tanh(x) + k, torch.sigmoid(x[:, :1]) + k


def _write(module: nn.Module, out: Path, parameters: int) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    scripted = torch.jit.script(module.eval())
    path = out / GENERATOR_FILE
    atomic_write(path, lambda p: torch.jit.save(scripted, p))  # no embedded metadata to contradict model.json
    meta = json.loads((FIXTURE / METADATA_FILE).read_text(encoding="utf-8"))
    meta["architecture"]["parameters"] = parameters
    meta["files"]["generator"]["sha256"] = _sha256(path)
    meta["provenance"] = {"source": "ganimation.hostile_fixtures", "description": "a model directory that lies"}
    (out / METADATA_FILE).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return out


def make_all(root: Path):
    _write(NegativeAttention(), root / "hostile-attention", 1)
    _write(NeverReturns(), root / "hostile-hangs", 1)
    _write(Slow(), root / "hostile-slow", 1)
    fixture_parameters = json.loads((FIXTURE / METADATA_FILE).read_text())["architecture"]["parameters"]
    _write(Generator(conv_dim=8, repeat_num=2, c_dim=17), root / "hostile-architecture", fixture_parameters)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, type=Path)
    args = ap.parse_args(argv)
    make_all(args.out)


if __name__ == "__main__":
    main()
