"""Seed ensembles: estimators trained alike from different seeds, joined into one model directory."""
import json
import sys
from pathlib import Path
from typing import List

import torch
from torch import nn

from ..data import FaceSet, load_crops
from ..model_dir import load_estimator
from .validation import export_with_report


class EstimatorEnsemble(nn.Module):
    """Estimators trained alike from different seeds, read as their mean: with labels this noisy, each
    run learns part of the noise, and the mean of independent runs cancels some of it."""

    def __init__(self, members: List[nn.Module]):
        super().__init__()
        self.members = nn.ModuleList(members)
        self.width = int(getattr(members[0], "width"))
        self.c_dim = int(getattr(members[0], "c_dim"))

    def forward(self, image: torch.Tensor) -> torch.Tensor:
        out = torch.zeros(image.size(0), self.c_dim, device=image.device)
        for m in self.members:
            out = out + m(image)
        return out / len(self.members)


def ensemble_command(a) -> int:
    torch.set_num_threads(a.threads)
    members, metas = zip(*(load_estimator(m) for m in a.models))
    splits = {(m["provenance"].get("validationFraction"), m["provenance"].get("validationOffset", 0.0)) for m in metas}
    sizes = {m["input"]["size"] for m in metas}
    if len(splits) != 1 or len(sizes) != 1:
        sys.exit("the estimators must share their held-out split and input size "
                 f"(validation fraction and offset {sorted(map(str, splits))}, input sizes {sorted(sizes)})")
    (fraction, offset), size = splits.pop(), sizes.pop()
    data = FaceSet.concat([load_crops(c, l, size=size) for c, l in zip(a.crops, a.labels)])
    train_set, val_set = data.split(fraction, offset)
    net = EstimatorEnsemble(list(members)).eval()
    export_with_report(net, a.out, val_set, train_crops=len(train_set), image_size=size, training={
        "members": [json.loads((Path(m) / "validation.json").read_text(encoding="utf-8"))["training"]
                    if (Path(m) / "validation.json").is_file() else None for m in a.models]},
        provenance={"description": f"AU estimator: mean of {len(members)} estimators trained from different seeds",
                    "members": [{"model": str(m), **meta["provenance"]} for m, meta in zip(a.models, metas)],
                    "validationFraction": fraction, "validationOffset": offset})
    return 0
