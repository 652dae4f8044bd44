"""Face crops and their AU labels.

Crops come from the studio's `crop-dataset` command (a folder of PNGs plus crops.csv naming the
source photo of each crop). Labels are CSV files in OpenFace's conventions: a file-name column and
one intensity column per AU named `AU01_r` (OpenFace 2 FeatureExtraction; leading spaces allowed)
or plain `AU01`, on OpenFace's 0-5 scale.
"""
import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence

import numpy as np
import torch
from PIL import Image

from .action_units import au_codes
from .model_dir import atomic_write

OPENFACE_SCALE = 5.0
_FILE_COLUMNS = ("file", "crop", "filename", "input", "name", "image", "path")


class LabelError(ValueError):
    pass


def read_au_csv(path) -> Dict[str, np.ndarray]:
    """Maps each row's file stem to its 17 AU intensities on OpenFace's 0-5 scale."""
    codes = au_codes()
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if not rows:
        raise LabelError(f"{path} is empty")
    header = [h.strip() for h in rows[0]]
    lower = [h.lower() for h in header]
    file_col = next((lower.index(c) for c in _FILE_COLUMNS if c in lower), None)
    if file_col is None:
        raise LabelError(f"{path} has no file column (one of {', '.join(_FILE_COLUMNS)})")
    cols = []
    for code in codes:
        for name in (code + "_r", code):
            if name in header:
                cols.append(header.index(name))
                break
        else:
            raise LabelError(f"{path} has no intensity column for {code} ({code}_r or {code})")
    labels = {}
    for line, row in enumerate(rows[1:], start=2):
        if not row or not "".join(row).strip():
            continue
        try:
            values = np.array([float(row[c]) for c in cols], dtype=np.float32)
        except (ValueError, IndexError) as e:
            raise LabelError(f"{path} line {line}: {e}") from e
        if not np.all(np.isfinite(values)):
            raise LabelError(f"{path} line {line}: non-finite AU value")
        labels[Path(row[file_col].strip()).stem] = values
    return labels


def write_openface_csv(path, names: Sequence[str], aus_0_5: np.ndarray) -> None:
    """Writes `file,AU01_r,...,AU45_r` (OpenFace 0-5 scale) atomically."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)

    def write(tmp):
        with open(tmp, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["file"] + [c + "_r" for c in au_codes()])
            for n, row in zip(names, aus_0_5):
                w.writerow([n] + [f"{v:.2f}" for v in row])
    atomic_write(path, write)


def match_distribution(values: np.ndarray, reference: np.ndarray) -> np.ndarray:
    """Maps each column of `values` onto the distribution of the same column of `reference`, keeping
    the order: the value at quantile q becomes the reference's quantile q. Pseudo-labels from a
    regression estimator are shrunk towards the mean; this restores the spread of real labels while
    keeping the estimator's ranking of the faces."""
    values = np.asarray(values, dtype=np.float64)
    reference = np.asarray(reference, dtype=np.float64)
    if values.ndim != 2 or reference.ndim != 2 or values.shape[1] != reference.shape[1]:
        raise ValueError(f"need two tables with the same columns, got {values.shape} and {reference.shape}")
    out = np.empty_like(values)
    n = len(values)
    for j in range(values.shape[1]):
        ranks = np.empty(n)
        ranks[np.argsort(values[:, j], kind="stable")] = np.arange(n)
        out[:, j] = np.quantile(reference[:, j], (ranks + 0.5) / n)
    return out


def read_crop_index(crop_dir) -> List[dict]:
    """Rows of crops.csv (crop, source, ...); without one, every PNG/JPEG is its own source."""
    crop_dir = Path(crop_dir)
    index = crop_dir / "crops.csv"
    if index.is_file():
        with open(index, newline="", encoding="utf-8") as f:
            return list(csv.DictReader(f))
    return [{"crop": p.name, "source": p.name} for p in sorted(crop_dir.iterdir())
            if p.suffix.lower() in (".png", ".jpg", ".jpeg")]


def held_out(source: str, fraction: float, offset: float = 0.0) -> bool:
    """A stable split by source photo: the same photo is always on the same side, whatever the run.
    `offset` moves the held-out slice along the hash range, so offsets 0, f, 2f ... give disjoint folds."""
    h = int.from_bytes(hashlib.sha1(Path(source).stem.encode("utf-8")).digest()[:4], "big")
    return ((h - round(offset * 10000)) % 10000) < fraction * 10000


@dataclass
class FaceSet:
    """Crops as uint8 N x 3 x S x S, their names, sources and (optional) AU labels in [0, 1]."""
    images: torch.Tensor
    names: List[str]
    sources: List[str]
    aus: Optional[torch.Tensor]

    def __len__(self):
        return len(self.names)

    def subset(self, idx) -> "FaceSet":
        idx = list(idx)
        t = torch.as_tensor(idx, dtype=torch.long)
        return FaceSet(self.images[t], [self.names[i] for i in idx], [self.sources[i] for i in idx],
                       None if self.aus is None else self.aus[t])

    def split(self, fraction: float, offset: float = 0.0):
        """(train, held-out) by source photo."""
        val = [i for i, s in enumerate(self.sources) if held_out(s, fraction, offset)]
        vs = set(val)
        return self.subset(i for i in range(len(self)) if i not in vs), self.subset(val)

    @staticmethod
    def concat(sets: Sequence["FaceSet"]) -> "FaceSet":
        labelled = all(s.aus is not None for s in sets)
        return FaceSet(torch.cat([s.images for s in sets]), sum((s.names for s in sets), []),
                       sum((s.sources for s in sets), []),
                       torch.cat([s.aus for s in sets]) if labelled else None)


def load_crops(crop_dir, labels_csv=None, size: Optional[int] = None, limit: Optional[int] = None) -> FaceSet:
    """Loads a crop folder; with labels, keeps only crops whose source photo is labelled."""
    crop_dir = Path(crop_dir)
    labels = read_au_csv(labels_csv) if labels_csv else None
    rows = read_crop_index(crop_dir)
    images, names, sources, aus = [], [], [], []
    for row in rows:
        key = Path(row["source"]).stem
        if labels is not None:
            value = labels.get(key, labels.get(Path(row["crop"]).stem))
            if value is None:
                continue
            aus.append(np.clip(value / OPENFACE_SCALE, 0.0, 1.0))
        with Image.open(crop_dir / row["crop"]) as im:
            im = im.convert("RGB")
            if size is not None and im.size != (size, size):
                im = im.resize((size, size), Image.BICUBIC)
            images.append(np.asarray(im, dtype=np.uint8).transpose(2, 0, 1).copy())
        names.append(row["crop"])
        sources.append(row["source"])
        if limit is not None and len(names) >= limit:
            break
    if not images:
        raise LabelError(f"no usable crops in {crop_dir}" + (f" with labels from {labels_csv}" if labels_csv else ""))
    return FaceSet(torch.from_numpy(np.stack(images)), names, sources,
                   torch.from_numpy(np.stack(aus)).float() if labels is not None else None)


def to_model_range(images_u8: torch.Tensor) -> torch.Tensor:
    """uint8 [0, 255] -> float [-1, 1]."""
    return images_u8.float().div_(127.5).sub_(1.0)


def save_png(tensor_pm1: torch.Tensor, path) -> None:
    """A 3 x H x W image in [-1, 1] to a PNG."""
    arr = ((tensor_pm1.detach().float().clamp(-1, 1) + 1) * 127.5).round().byte().permute(1, 2, 0).cpu().numpy()
    Image.fromarray(arr).save(path)
