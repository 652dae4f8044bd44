"""Agreement figures shared by the estimator's validation and the evaluations."""
import numpy as np


def pearson(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Per-column Pearson r of two N x K arrays (nan where a column is constant)."""
    a = a - a.mean(0)
    b = b - b.mean(0)
    den = np.sqrt((a * a).sum(0) * (b * b).sum(0))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, (a * b).sum(0) / den, np.nan)
