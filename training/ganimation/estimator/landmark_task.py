"""The estimator's training-only second task: regressing the 68 face landmarks of labelled and unlabelled crops."""
from typing import Dict, Optional

import numpy as np
import torch

from ..data import FaceSet
from .network import AuEstimator


def landmark_targets(faces: FaceSet, table: Dict[str, np.ndarray]):
    """(N x 68 x 2 points in normalised [-1, 1] crop coordinates, N mask of crops that have them)."""
    size = faces.images.size(-1)
    points = torch.zeros(len(faces), 68, 2)
    mask = torch.zeros(len(faces), dtype=torch.bool)
    for i, name in enumerate(faces.names):
        if name in table:
            points[i] = torch.from_numpy((table[name] + 0.5) / (size / 2) - 1)
            mask[i] = True
    return points, mask


class LandmarkTask:
    """The auxiliary loss: landmarks of the labelled crops and of extra unlabelled crops."""

    def __init__(self, train_set: FaceSet, extra: Optional[FaceSet], table: Dict[str, np.ndarray], weight: float):
        self.points, self.mask = landmark_targets(train_set, table)
        self.extra = extra
        if extra is not None:
            self.extra_points, keep = landmark_targets(extra, table)
            self.extra = extra.subset(torch.nonzero(keep).flatten().tolist())
            self.extra_points = self.extra_points[keep]
        known = self.points[self.mask]
        if self.extra is not None:
            known = torch.cat([known, self.extra_points])
        if not len(known):
            raise ValueError("no crop has landmarks: check that the landmark CSV names these crops")
        self.mean = known.mean(0)
        self.scale = float((known - self.mean).pow(2).mean().sqrt())
        self.weight = weight

    def loss(self, net: AuEstimator, fmap: torch.Tensor, points: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        pred = net.landmark_head(fmap).view(-1, 68, 2)
        err = ((pred - (points - self.mean) / self.scale) ** 2).mean(dim=(1, 2))
        return self.weight * (err * mask).sum() / mask.sum().clamp_min(1)
