"""Crops with their dlib landmarks, split by source photo as everywhere in training."""
from dataclasses import dataclass
from pathlib import Path
from typing import List, Sequence

import numpy as np
from PIL import Image

from ..data import held_out, read_crop_index
from ..landmarks import read_landmarks


@dataclass
class LandmarkedFaces:
    names: List[str]
    sources: List[str]
    images: np.ndarray  # N x S x S x 3 uint8
    points: np.ndarray  # N x 68 x 2 crop pixels

    def __len__(self):
        return len(self.names)

    def subset(self, keep) -> "LandmarkedFaces":
        keep = np.asarray(keep)
        return LandmarkedFaces([self.names[i] for i in keep], [self.sources[i] for i in keep],
                               self.images[keep], self.points[keep])

    def split(self, fraction: float):
        """(training, held-out) by source photo: the same split as the estimator, the trainer and the
        outside evaluation."""
        val = np.array([held_out(s, fraction) for s in self.sources], dtype=bool)
        return self.subset(np.flatnonzero(~val)), self.subset(np.flatnonzero(val))

    @staticmethod
    def concat(sets: Sequence["LandmarkedFaces"]) -> "LandmarkedFaces":
        return LandmarkedFaces(sum((s.names for s in sets), []), sum((s.sources for s in sets), []),
                               np.concatenate([s.images for s in sets]), np.concatenate([s.points for s in sets]))


def load(crop_dir, landmarks_csv, limit: int = 0) -> LandmarkedFaces:
    """The crops of a `crop-dataset` folder that have landmarks."""
    crop_dir = Path(crop_dir)
    table = read_landmarks(landmarks_csv)
    names, sources, images, points = [], [], [], []
    for row in read_crop_index(crop_dir):
        name = row["crop"]
        if name not in table:
            continue
        with Image.open(crop_dir / name) as im:
            images.append(np.asarray(im.convert("RGB")))
        names.append(name)
        sources.append(row["source"])
        points.append(table[name])
        if limit and len(names) >= limit:
            break
    if not names:
        raise ValueError(f"no crop in {crop_dir} has landmarks in {landmarks_csv}")
    return LandmarkedFaces(names, sources, np.stack(images), np.stack(points).astype(np.float32))
