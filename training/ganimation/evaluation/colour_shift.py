"""How much an edit moved the colours of a face: sRGB to CIELAB (D65) and the share of pixels whose
chroma moved, in NumPy only.

A chroma shift is sqrt(da*^2 + db*^2) between the same pixel before and after; 5 is about where a
change of hue on skin becomes visible side by side. A shift "toward magenta or blue" is da* > 5 and
db* < -5 at once: redder-purple and bluer, the cast a colour mask gives when it drifts.
"""
from typing import Optional, Sequence

import numpy as np

# sRGB primaries to CIE XYZ (IEC 61966-2-1), and the D65 white point.
_RGB_TO_XYZ = np.array([[0.4124564, 0.3575761, 0.1804375],
                        [0.2126729, 0.7151522, 0.0721750],
                        [0.0193339, 0.1191920, 0.9503041]])
_D65_WHITE = np.array([0.95047, 1.0, 1.08883])
_DELTA = 6.0 / 29.0

CHROMA_THRESHOLD = 5.0


def srgb_to_lab(rgb_u8: np.ndarray) -> np.ndarray:
    """H x W x 3 (or N x 3) 8-bit sRGB to CIELAB L*, a*, b* (D65, 2-degree observer), float64."""
    c = np.asarray(rgb_u8, dtype=np.float64) / 255.0
    if c.shape[-1] != 3:
        raise ValueError(f"need RGB in the last axis, got shape {c.shape}")
    linear = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    xyz = linear @ _RGB_TO_XYZ.T / _D65_WHITE
    f = np.where(xyz > _DELTA ** 3, np.cbrt(xyz), xyz / (3 * _DELTA ** 2) + 4.0 / 29.0)
    lab = np.empty_like(f)
    lab[..., 0] = 116.0 * f[..., 1] - 16.0
    lab[..., 1] = 500.0 * (f[..., 0] - f[..., 1])
    lab[..., 2] = 200.0 * (f[..., 1] - f[..., 2])
    return lab


def box_region(box: Optional[Sequence[float]], width: int, height: int):
    """(x, y, w, h) in pixels, clipped to the image, as row and column slices; None is the whole image."""
    if box is None:
        return slice(0, height), slice(0, width)
    x, y, w, h = (float(v) for v in box)
    x0, y0 = max(0, int(np.floor(x))), max(0, int(np.floor(y)))
    x1, y1 = min(width, int(np.ceil(x + w))), min(height, int(np.ceil(y + h)))
    if x1 <= x0 or y1 <= y0:
        raise ValueError(f"the box {list(box)} lies outside the {width}x{height} image")
    return slice(y0, y1), slice(x0, x1)


def colour_shift(original_u8: np.ndarray, edited_u8: np.ndarray, box=None,
                 threshold: float = CHROMA_THRESHOLD) -> dict:
    """Shares of the pixels inside `box` (x, y, w, h) whose chroma moved by more than `threshold`,
    and whose shift went toward magenta or blue (da* > threshold and db* < -threshold)."""
    original_u8, edited_u8 = np.asarray(original_u8), np.asarray(edited_u8)
    if original_u8.shape != edited_u8.shape or original_u8.ndim != 3 or original_u8.shape[2] != 3:
        raise ValueError(f"need two RGB images of one size, got {original_u8.shape} and {edited_u8.shape}")
    rows, cols = box_region(box, original_u8.shape[1], original_u8.shape[0])
    before = srgb_to_lab(original_u8[rows, cols])
    after = srgb_to_lab(edited_u8[rows, cols])
    da = after[..., 1] - before[..., 1]
    db = after[..., 2] - before[..., 2]
    return {
        "pixels": int(da.size),
        "chromaShifted": float(np.mean(np.hypot(da, db) > threshold)),
        "magentaBlue": float(np.mean((da > threshold) & (db < -threshold))),
    }
