"""Pseudo-labels: an estimator's readings of unlabelled crops, written as an OpenFace-named CSV."""
from pathlib import Path
from typing import List

import numpy as np
import torch

from ..data import load_crops, match_distribution, read_au_csv, write_openface_csv, OPENFACE_SCALE
from ..model_dir import load_estimator
from .network import predict


def label_command(a) -> int:
    torch.set_num_threads(a.threads)
    net, meta = load_estimator(a.model)
    data = load_crops(a.crops, size=meta["input"]["size"])
    aus = predict(net, data.images) * OPENFACE_SCALE
    names: List[str] = [Path(s).name for s in data.sources] if a.by_source else data.names
    if a.match_labels:
        reference = np.stack(list(read_au_csv(a.match_labels).values()))
        aus = match_distribution(aus, reference)
        print(f"pseudo-labels mapped onto the distribution of {len(reference)} labels in {a.match_labels}")
    write_openface_csv(a.out, names, aus)
    print(f"labelled {len(names)} crops -> {a.out}")
    return 0
