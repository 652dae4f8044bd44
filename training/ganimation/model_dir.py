"""Model directories: generator.pt (TorchScript) + model.json, the one format the Java runtime loads."""
import datetime
import hashlib
import json
import os
import tempfile
from pathlib import Path

import torch

from .action_units import au_codes
from .paper.networks import Generator

FORMAT = "ganimation-studio/model"
FORMAT_VERSION = 1
GENERATOR_FILE = "generator.pt"
ESTIMATOR_FILE = "estimator.pt"
GENERATOR_KIND = "expression-generator"
ESTIMATOR_KIND = "au-estimator"
METADATA_FILE = "model.json"
# Written inside the TorchScript archive as well, so a model.json that lies about the network is caught.
EMBEDDED_METADATA = "ganimation.json"


def generator_architecture(g: Generator) -> dict:
    first = g.main[0]
    return {
        "name": "ganimation-generator",
        "convDim": first.out_channels,
        "repeatNum": sum(1 for m in g.main if m.__class__.__name__ == "ResidualBlock"),
        "auCount": g.c_dim,
        "affineNorm": g.main[1].affine,
        "convBias": first.bias is not None,
        "parameters": sum(p.numel() for p in g.parameters()),
    }


def build_generator(arch: dict) -> Generator:
    return Generator(conv_dim=arch["convDim"], repeat_num=arch["repeatNum"], c_dim=arch["auCount"],
                     affine_norm=arch["affineNorm"], conv_bias=arch["convBias"])


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def atomic_write(path: Path, write) -> None:
    fd, tmp = tempfile.mkstemp(prefix="." + path.name, dir=path.parent)
    os.close(fd)
    try:
        write(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _write_model_dir(module: torch.nn.Module, out_dir, *, kind: str, file_key: str, file_name: str,
                     arch: dict, image_size: int, outputs: dict, provenance: dict = None) -> Path:
    """Scripts `module`, writes it (with embedded metadata) and model.json atomically into out_dir."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    codes = au_codes()
    if arch["auCount"] != len(codes):
        codes = [f"AU{i}" for i in range(arch["auCount"])]  # non-studio model: generic names
    embedded = json.dumps({"architecture": arch, "inputSize": image_size})
    scripted = torch.jit.script(module)
    path = out / file_name
    atomic_write(path, lambda p: torch.jit.save(scripted, p, _extra_files={EMBEDDED_METADATA: embedded}))
    meta = {
        "format": FORMAT,
        "formatVersion": FORMAT_VERSION,
        "kind": kind,
        "architecture": arch,
        "input": {"size": image_size, "channels": 3, "layout": "NCHW", "range": [-1.0, 1.0]},
        "actionUnits": {"codes": codes, "range": [0.0, 1.0], "openFaceScale": 5.0},
        "outputs": outputs,
        "files": {file_key: {"path": file_name, "sha256": _sha256(path)}},
        "provenance": {
            "createdAt": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "torch": torch.__version__,
            **(provenance or {}),
        },
    }
    atomic_write(out / METADATA_FILE,
                  lambda p: Path(p).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8"))
    return out


def export_generator(g: Generator, out_dir, image_size: int = 128, provenance: dict = None) -> Path:
    """Script `g` and write it with its model.json into out_dir; returns the directory."""
    if image_size % 4 != 0:
        raise ValueError(f"input size {image_size} must be a multiple of 4 (two stride-2 stages)")
    g = g.eval().cpu()
    return _write_model_dir(g, out_dir, kind=GENERATOR_KIND, file_key="generator", file_name=GENERATOR_FILE,
                            arch=generator_architecture(g), image_size=image_size, outputs={
                                "color": {"channels": 3, "range": [-1.0, 1.0]},
                                "attention": {"channels": 1, "range": [0.0, 1.0]},
                                "composite": "attention * image + (1 - attention) * color",
                            }, provenance=provenance)


def export_estimator(net: torch.nn.Module, out_dir, image_size: int = 128, provenance: dict = None) -> Path:
    """Script an AU estimator (image in [-1, 1] -> N x 17 intensities in [0, 1]) into a model directory."""
    net = net.eval().cpu()
    arch = {"name": "au-estimator", "width": net.width, "auCount": net.c_dim,
            "members": len(getattr(net, "members", [net])),
            "parameters": sum(p.numel() for p in net.parameters())}
    return _write_model_dir(net, out_dir, kind=ESTIMATOR_KIND, file_key="estimator", file_name=ESTIMATOR_FILE,
                            arch=arch, image_size=image_size,
                            outputs={"aus": {"count": net.c_dim, "range": [0.0, 1.0]}}, provenance=provenance)


def read_metadata(model_dir) -> dict:
    with open(Path(model_dir) / METADATA_FILE, encoding="utf-8") as f:
        return json.load(f)


def load_eager_generator(model_dir) -> Generator:
    """An eager (non-scripted) Generator with the weights of a model directory."""
    meta = read_metadata(model_dir)
    g = build_generator(meta["architecture"])
    scripted = torch.jit.load(str(Path(model_dir) / GENERATOR_FILE), map_location="cpu")
    g.load_state_dict(scripted.state_dict())
    return g.eval()


def load_estimator(model_dir):
    """The scripted estimator of a model directory (kind au-estimator)."""
    meta = read_metadata(model_dir)
    if meta.get("kind") != ESTIMATOR_KIND:
        raise ValueError(f"{model_dir} is a '{meta.get('kind')}' model, not an AU estimator")
    net = torch.jit.load(str(Path(model_dir) / meta["files"]["estimator"]["path"]), map_location="cpu")
    return net.eval(), meta
