"""How far AU labels agree with the shape of the faces they label.

  python3 -m ganimation.evaluation.label_check --crops CROPS --labels labels.csv --landmarks landmarks.csv [--json OUT]

Reads the 68-point landmarks of each labelled crop (tools/face_landmarks), puts them in a frame
where the eyes are level and one inter-ocular distance apart, and reports per AU:
- the Pearson r of the label with a ridge regression on the landmark geometry (coordinates and the
  distances between brow, eye, nose and mouth points), fitted on the training split and read on the
  held-out split of the estimator (by source photo);
- for the mouth AUs, the r of the label with one plain measurement: the inner-lip gap (AU25 lips
  part, AU26 jaw drop) and the mouth width (AU12 lip-corner puller, AU06 goes with it in a smile).
Low figures mean labels that disagree with what the face shows: a ceiling for any estimator
trained and judged on them.
"""
import argparse
import json
import sys
from pathlib import Path

import numpy as np

from ..action_units import au_codes
from ..data import held_out, load_crops
from ..landmarks import read_landmarks
from .metrics import pearson

_EYES = (slice(36, 42), slice(42, 48))
# Brows, eyes, nose and mouth: the points whose distances carry expression (the jaw line barely does).
_EXPRESSIVE = list(range(17, 68))


def normalised(points: np.ndarray) -> np.ndarray:
    """N x 68 x 2 landmarks moved so the eye centres are level, centred and one unit apart."""
    left, right = points[:, _EYES[0]].mean(1), points[:, _EYES[1]].mean(1)
    centre, d = (left + right) / 2, right - left
    dist = np.linalg.norm(d, axis=1)
    cos, sin = d[:, 0] / dist, d[:, 1] / dist
    rot = np.stack([np.stack([cos, sin], 1), np.stack([-sin, cos], 1)], 1)  # rotates by -roll
    return np.einsum("nij,nkj->nki", rot, points - centre[:, None]) / dist[:, None, None]


def geometry_features(points: np.ndarray) -> np.ndarray:
    q = normalised(points)[:, _EXPRESSIVE]
    i, j = np.triu_indices(q.shape[1], 1)
    return np.concatenate([q.reshape(len(q), -1), np.linalg.norm(q[:, i] - q[:, j], axis=2)], 1)


def ridge_readings(x_train, y_train, x_test, lam: float) -> np.ndarray:
    mu, sd = x_train.mean(0), x_train.std(0) + 1e-6
    a, b = (x_train - mu) / sd, (x_test - mu) / sd
    w = np.linalg.solve(a.T @ a + lam * np.eye(a.shape[1]), a.T @ (y_train - y_train.mean(0)))
    return b @ w + y_train.mean(0)


def check(points: np.ndarray, aus: np.ndarray, test: np.ndarray, lam: float = 1000.0) -> dict:
    feats = geometry_features(points)
    read = ridge_readings(feats[~test], aus[~test], feats[test], lam)
    r_geo = pearson(aus[test], read)
    q = normalised(points)
    gap = np.linalg.norm(q[:, 66] - q[:, 62], axis=1)
    width = np.linalg.norm(q[:, 54] - q[:, 48], axis=1)
    single = {"AU06": ("mouthWidth", width), "AU12": ("mouthWidth", width),
              "AU25": ("innerLipGap", gap), "AU26": ("innerLipGap", gap)}
    report = {}
    for k, code in enumerate(au_codes()):
        entry = {"geometryPearson": None if np.isnan(r_geo[k]) else round(float(r_geo[k]), 3)}
        if code in single:
            name, values = single[code]
            entry[name + "Pearson"] = round(float(np.corrcoef(values, aus[:, k])[0, 1]), 3)
        report[code] = entry
    return report


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python3 -m ganimation.evaluation.label_check", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--crops", required=True, type=Path)
    p.add_argument("--labels", required=True, type=Path)
    p.add_argument("--landmarks", required=True, type=Path)
    p.add_argument("--val-fraction", type=float, default=0.1)
    p.add_argument("--json", type=Path, help="also write the report here")
    a = p.parse_args(argv)
    data = load_crops(a.crops, a.labels)
    table = read_landmarks(a.landmarks)
    keep = [i for i, n in enumerate(data.names) if n in table]
    if len(keep) < 20:
        sys.exit(f"only {len(keep)} labelled crops have landmarks in {a.landmarks}")
    data = data.subset(keep)
    points = np.stack([table[n] for n in data.names]).astype(np.float64)
    test = np.array([held_out(s, a.val_fraction) for s in data.sources])
    report = {"crops": len(data), "heldOut": int(test.sum()),
              "actionUnits": check(points, data.aus.numpy().astype(np.float64), test)}
    for code, entry in report["actionUnits"].items():
        print(code, " ".join(f"{k}={v}" for k, v in entry.items()))
    if a.json:
        a.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
