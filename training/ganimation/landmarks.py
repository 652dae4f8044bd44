"""68-point face landmarks of crops, as written by `tools/face_landmarks` (iBUG 300-W order)."""
import csv
from pathlib import Path
from typing import Dict

import numpy as np

from .data import LabelError


def read_landmarks(path) -> Dict[str, np.ndarray]:
    """Crop file name -> 68 x 2 landmark pixels, from a `tools/face_landmarks` CSV."""
    with open(path, newline="", encoding="utf-8") as f:
        return read_landmarks_rows(csv.DictReader(f), str(path))


def read_landmarks_rows(rows, source: str = "landmarks") -> Dict[str, np.ndarray]:
    table = {}
    for line, row in enumerate(rows, start=2):
        try:
            coords = np.array([float(row[f"{a}{i}"]) for i in range(68) for a in "xy"], dtype=np.float32)
            table[Path(row["file"]).name] = coords.reshape(68, 2)
        except (KeyError, ValueError, TypeError) as e:
            raise LabelError(f"{source} line {line}: not a face_landmarks row ({e})") from e
    return table
