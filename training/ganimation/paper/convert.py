"""Convert a public GANimation generator checkpoint into a model directory.

Two state_dict layouts are understood:
  original     main.* / img_reg.* / attetion_reg.*   affine InstanceNorm, no conv bias
  replication  model.* / color_top.* / au_top.*      plain InstanceNorm, conv biases
               (residual blocks as model.N.conv_block.*)

  python3 -m ganimation.paper.convert CHECKPOINT.pth --out DIR [--image-size 128]
"""
import argparse
import re
import sys

import torch

from ..model_dir import export_generator
from .networks import Generator

# InstanceNorm statistics saved by old PyTorch versions; instance norm never uses them.
_IGNORED_SUFFIXES = (".running_mean", ".running_var", ".num_batches_tracked")


class CheckpointMismatch(ValueError):
    """The checkpoint's tensors do not form a GANimation generator."""


def _unwrap(obj):
    if isinstance(obj, dict) and obj and all(isinstance(v, torch.Tensor) for v in obj.values()):
        return obj
    if isinstance(obj, dict):
        for key in ("state_dict", "generator", "G", "net_gen", "model"):
            if key in obj and isinstance(obj[key], dict):
                return _unwrap(obj[key])
    raise CheckpointMismatch("the file holds no state_dict of tensors")


def detect_layout(state: dict) -> str:
    if "img_reg.0.weight" in state and ("attetion_reg.0.weight" in state or "attention_reg.0.weight" in state):
        return "original"
    if "color_top.0.weight" in state and "au_top.0.weight" in state:
        return "replication"
    raise CheckpointMismatch(
        "unrecognised checkpoint layout: expected main.*/img_reg.*/attetion_reg.* (original) "
        "or model.*/color_top.*/au_top.* (replication)")


def to_canonical(state: dict) -> tuple:
    """Rename a checkpoint's tensors to this package's Generator names; returns (layout, state)."""
    state = {(k[len("module."):] if k.startswith("module.") else k): v for k, v in state.items()}
    state = {k: v for k, v in state.items() if not k.endswith(_IGNORED_SUFFIXES)}
    layout = detect_layout(state)
    renamed = {}
    for k, v in state.items():
        if layout == "original":
            k = k.replace("attetion_reg.", "attention_reg.")
        else:
            k = re.sub(r"^model\.", "main.", k)
            k = k.replace(".conv_block.", ".main.")
            k = re.sub(r"^color_top\.", "img_reg.", k)
            k = re.sub(r"^au_top\.", "attention_reg.", k)
        renamed[k] = v
    return layout, renamed


def infer_generator(state: dict) -> Generator:
    first = state.get("main.0.weight")
    if first is None or first.dim() != 4:
        raise CheckpointMismatch("checkpoint lacks the first convolution main.0.weight (4-D)")
    conv_dim, in_channels = first.shape[0], first.shape[1]
    if in_channels <= 3:
        raise CheckpointMismatch(f"main.0.weight takes {in_channels} input channels: no AU channels")
    blocks = {int(m.group(1)) for k in state for m in [re.match(r"main\.(\d+)\.main\.0\.weight$", k)] if m}
    return Generator(conv_dim=conv_dim, repeat_num=len(blocks), c_dim=in_channels - 3,
                     affine_norm="main.1.weight" in state, conv_bias="main.0.bias" in state)


def check_tensors(expected: dict, state: dict) -> None:
    """Raise CheckpointMismatch naming the first tensor that is missing, misshapen or unexpected."""
    for name, tensor in expected.items():
        if name not in state:
            raise CheckpointMismatch(f"checkpoint lacks tensor {name} (expected shape {list(tensor.shape)})")
        if tuple(state[name].shape) != tuple(tensor.shape):
            raise CheckpointMismatch(
                f"tensor {name} has shape {list(state[name].shape)}, expected {list(tensor.shape)}")
    for name in state:
        if name not in expected:
            raise CheckpointMismatch(f"unexpected tensor {name} {list(state[name].shape)}")


def load_checkpoint(path) -> tuple:
    """(layout, Generator with the checkpoint's weights) for a checkpoint file."""
    try:
        raw = torch.load(path, map_location="cpu")
    except Exception as e:  # pickle errors, truncated zip, ...
        raise CheckpointMismatch(f"cannot read {path}: {e}") from e
    layout, state = to_canonical(_unwrap(raw))
    g = infer_generator(state)
    check_tensors(g.state_dict(), state)
    g.load_state_dict({k: v.float() for k, v in state.items()})
    return layout, g.eval()


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python3 -m ganimation.paper.convert", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("checkpoint")
    p.add_argument("--out", required=True)
    p.add_argument("--image-size", type=int, default=128, help="input size the checkpoint was trained at")
    a = p.parse_args(argv)
    try:
        layout, g = load_checkpoint(a.checkpoint)
    except CheckpointMismatch as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    export_generator(g, a.out, image_size=a.image_size,
                     provenance={"source": a.checkpoint, "convertedFrom": f"{layout} GANimation layout"})
    print(f"converted {layout}-layout checkpoint to {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
