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
from .network import LIFT_FROM, LIFT_TO, PAINT_FROM, PAINT_TO, WarpResidualGenerator

DESIGN = "warp-residual-generator"
SOFT_PAINT_DESIGN = "warp-soft-paint-generator"  # the same outputs; C softened where the residual paints
LIFT_DESIGN = "warp-lift-generator"  # flow and residual carry a source flow and a paint mask too (closed lids)


def export_warp_generator(g: WarpResidualGenerator, out_dir, steps: int, image_size: int = 128,
                          description: str = None) -> Path:
    g = g.eval().cpu()
    with torch.no_grad():
        flow, _, _ = g(torch.zeros(1, 3, image_size, image_size), torch.zeros(1, g.c_dim))
    design = LIFT_DESIGN if g.lift else SOFT_PAINT_DESIGN if g.soft_paint else DESIGN
    arch = {"name": design, "auCount": g.c_dim, "width": g.stem[0].out_channels, "blocks": len(g.mid),
            "flowSize": int(flow.shape[-1]), "parameters": sum(p.numel() for p in g.parameters())}
    if g.lift:
        outputs = {
            "flow": {"channels": 4, "size": arch["flowSize"], "units": "crop sides, backward",
                     "layout": "0-1 flow; 2-3 sourceFlow (where new pixels come from, relative to flow)"},
            "colorResidual": {"channels": 4, "range": [-1.0, 1.0],
                              "layout": "0-2 colorResidual on [-1, 1]; 3 paint on [0, 1]"},
            "attention": {"channels": 1, "range": [0.0, 1.0]},
        }
    else:
        outputs = {
            "flow": {"channels": 2, "size": arch["flowSize"], "units": "crop sides, backward"},
            "colorResidual": {"channels": 3, "range": [-1.0, 1.0]},
            "attention": {"channels": 1, "range": [0.0, 1.0]},
        }
    outputs["composite"] = COMPOSITES[design]
    return _write_model_dir(g, out_dir, kind=GENERATOR_KIND, file_key="generator", file_name=GENERATOR_FILE,
                            arch=arch, image_size=image_size, outputs=outputs,
                            provenance={"source": "ganimation.warpgen.train", "steps": steps,
                                        "description": description or "warp-residual generator taught by "
                                        "landmark geometry (ganimation.warpgen)"})


COMPOSITES = {DESIGN: "attention * image + (1 - attention) * (warp(image, flow) + colorResidual / 2)",
              SOFT_PAINT_DESIGN: "attention * image + (1 - attention) * (lerp(warp(image, flow), "
                                 f"soften(warp(image, flow)), painted(colorResidual)) + colorResidual / 2); painted: "
                                 f"smoothstep of max |colorResidual| / 2 from {PAINT_FROM} to {PAINT_TO}; soften: "
                                 f"2 x 2 means at the model's size, bilinear back up",
              LIFT_DESIGN: "kept * image + (1 - kept) * (moved + painted * (soften(warp(image, flow + "
                           "sourceFlow)) - moved) + colorResidual / 2); kept: attention * (1 - painted); painted: "
                           f"clamp((paint - {LIFT_FROM}) / ({LIFT_TO} - {LIFT_FROM}), 0, 1); moved: warp(image, "
                           "flow); soften: 2 x 2 means at the model's size, bilinear back up"}


def load_run(run) -> tuple:
    state = json.loads((Path(run) / "state.json").read_text(encoding="utf-8"))
    g = WarpResidualGenerator(width=state["width"], blocks=state["blocks"], soft_paint=state.get("softPaint", False),
                              lift=state.get("lift", False))
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
