"""Writes a trained warp-residual generator as a model directory (model.json names the design, so
model-core decodes its flow, residual and attention).

    python3 -m ganimation.warpgen.export --run RUN_DIR --out MODEL_DIR
"""
import argparse
import json
import sys
from pathlib import Path

import torch

from ..model_dir import GENERATOR_FILE, GENERATOR_KIND, _write_model_dir
from .network import PAINT_FROM, PAINT_TO, WarpResidualGenerator

DESIGN = "warp-residual-generator"
SOFT_PAINT_DESIGN = "warp-soft-paint-generator"  # the same outputs; C softened where the residual paints


def export_warp_generator(g: WarpResidualGenerator, out_dir, steps: int, image_size: int = 128,
                          description: str = None) -> Path:
    g = g.eval().cpu()
    with torch.no_grad():
        flow, _, _ = g(torch.zeros(1, 3, image_size, image_size), torch.zeros(1, g.c_dim))
    arch = {"name": SOFT_PAINT_DESIGN if g.soft_paint else DESIGN, "auCount": g.c_dim, "width": g.stem[0].out_channels, "blocks": len(g.mid),
            "flowSize": int(flow.shape[-1]), "parameters": sum(p.numel() for p in g.parameters())}
    return _write_model_dir(g, out_dir, kind=GENERATOR_KIND, file_key="generator", file_name=GENERATOR_FILE,
                            arch=arch, image_size=image_size, outputs={
                                "flow": {"channels": 2, "size": arch["flowSize"], "units": "crop sides, backward"},
                                "colorResidual": {"channels": 3, "range": [-1.0, 1.0]},
                                "attention": {"channels": 1, "range": [0.0, 1.0]},
                                "composite": COMPOSITES[g.soft_paint],
                            }, provenance={"source": "ganimation.warpgen.train", "steps": steps,
                                           "description": description or "warp-residual generator taught by "
                                           "landmark geometry (ganimation.warpgen)"})


COMPOSITES = {False: "attention * image + (1 - attention) * (warp(image, flow) + colorResidual / 2)",
              True: "attention * image + (1 - attention) * (lerp(warp(image, flow), soften(warp(image, flow)), "
                    f"painted(colorResidual)) + colorResidual / 2); painted: smoothstep of max |colorResidual| / 2 "
                    f"from {PAINT_FROM} to {PAINT_TO}; soften: 2 x 2 means at the model's size, bilinear back up"}


def load_run(run) -> tuple:
    state = json.loads((Path(run) / "state.json").read_text(encoding="utf-8"))
    g = WarpResidualGenerator(width=state["width"], blocks=state["blocks"], soft_paint=state.get("softPaint", False))
    g.load_state_dict(torch.load(Path(run) / "generator.pt", map_location="cpu"))
    return g, state


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python3 -m ganimation.warpgen.export", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--run", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--description", default=None)
    a = p.parse_args(argv)
    g, state = load_run(a.run)
    print(export_warp_generator(g, a.out, state["step"], description=a.description))
    return 0


if __name__ == "__main__":
    sys.exit(main())
