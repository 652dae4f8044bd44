"""AU readings from face shape: measures on the 68 dlib landmarks (iBUG 300-W order), mapped to 0-1 by
quantiles over the data.

Each measure lives in a frame fixed to the eyes (origin between the eye centres, x along the eye line,
unit = the inter-ocular distance), so it does not change with the face's size, position or roll. Where a
muscle moves a landmark (lip corners, lids, brows, jaw) the reading follows the face itself, unlike the
OpenFace labels of the training frames. AUs with no landmark signature of their own (AU09 nose wrinkler,
AU14 dimpler) take the measure of their nearest landmark effect (the upper lip's rise, the mouth's
widening) and say so in `PROXIES`. AU26 (jaw drop) reads the
lips' gap beyond what parting the lips alone (AU25) gives: the chin's distance from the nose varies more
with the face's length and pitch than with the jaw.
"""
import json
from typing import Dict, Sequence

import numpy as np

from ..action_units import au_codes

# iBUG 68 indices.
RIGHT_EYE = list(range(36, 42))  # the subject's right eye, on the image's left
LEFT_EYE = list(range(42, 48))
NOSE_TIP = 33
CHIN = 8
MOUTH_LEFT, MOUTH_RIGHT = 48, 54
UPPER_LIP_TOP, LOWER_LIP_BOTTOM = 51, 57
INNER_TOP, INNER_BOTTOM = 62, 66

PROXIES = {"AU09": "AU10's upper-lip rise", "AU14": "AU20's mouth widening, without the corners' rise"}


def eye_frame(points: np.ndarray):
    """(origin, rotation 2x2, scale) of the eye frame for N x 68 x 2 points: x_frame = R (p - o) / s."""
    re = points[:, RIGHT_EYE].mean(1)
    le = points[:, LEFT_EYE].mean(1)
    origin = (re + le) / 2
    d = le - re
    scale = np.linalg.norm(d, axis=1)
    c, s = d[:, 0] / scale, d[:, 1] / scale
    rot = np.stack([np.stack([c, s], 1), np.stack([-s, c], 1)], 1)  # N x 2 x 2
    return origin, rot, scale


def to_eye_frame(points: np.ndarray) -> np.ndarray:
    """N x 68 x 2 crop pixels -> the same points in the eye frame (y grows downwards, as in images)."""
    o, r, s = eye_frame(points)
    return np.einsum("nij,nkj->nki", r, points - o[:, None]) / s[:, None, None]


def from_eye_frame(frame_points: np.ndarray, reference: np.ndarray) -> np.ndarray:
    """Inverse of `to_eye_frame`, in the frame of `reference` (N x 68 x 2 crop pixels)."""
    o, r, s = eye_frame(reference)
    return np.einsum("nji,nkj->nki", r, frame_points) * s[:, None, None] + o[:, None]


def raw_measures(points: np.ndarray) -> Dict[str, np.ndarray]:
    """Shape measures for N x 68 x 2 landmarks, each N values, in inter-ocular units, larger = more of it."""
    p = to_eye_frame(points)
    y = p[..., 1]

    def dist(a, b):
        return np.linalg.norm(p[:, a] - p[:, b], axis=1)

    def aperture(eye):
        return (dist(eye[1], eye[5]) + dist(eye[2], eye[4])) / 2

    eyes_open = (aperture(RIGHT_EYE) + aperture(LEFT_EYE)) / 2
    eye_line = (y[:, 36] + y[:, 39] + y[:, 42] + y[:, 45]) / 4
    inner_brow = eye_line - (y[:, 21] + y[:, 22]) / 2
    outer_brow = eye_line - (y[:, 17] + y[:, 18] + y[:, 25] + y[:, 26]) / 4
    brow_gap = dist(21, 22)
    lower_lid = ((y[:, 40] + y[:, 41]) / 2 - (y[:, 36] + y[:, 39]) / 2
                 + (y[:, 46] + y[:, 47]) / 2 - (y[:, 42] + y[:, 45]) / 2) / 2
    # against the upper lip's middle, which a dropping jaw leaves in place
    corner_rise = y[:, INNER_TOP] - (y[:, MOUTH_LEFT] + y[:, MOUTH_RIGHT]) / 2
    width = dist(MOUTH_LEFT, MOUTH_RIGHT)
    return {
        "inner_brow": inner_brow,
        "outer_brow": outer_brow,
        "brow_low": -(inner_brow + 0.5 * brow_gap),
        "eyes_open": eyes_open,
        "lower_lid_rise": -lower_lid,
        "corner_rise": corner_rise,
        "corner_drop": -corner_rise,
        "mouth_width": width,
        "upper_lip_rise": -dist(NOSE_TIP, UPPER_LIP_TOP),
        "lip_gap": dist(INNER_TOP, INNER_BOTTOM),
        "chin_raise": -dist(LOWER_LIP_BOTTOM, CHIN),
        "lip_press": -(dist(UPPER_LIP_TOP, INNER_TOP) + dist(INNER_BOTTOM, LOWER_LIP_BOTTOM)),
    }


# AU -> (measure, quantile read as 0, quantile read as 1). A reading of 1 is about the strongest the data
# shows; 0 sits where most faces are (the data is mostly neutral-to-smiling). Lid closure (AU45) reads
# 1 at a closed eye, not at a quantile, since few faces blink.
READINGS = {
    "AU01": ("inner_brow", 0.50, 0.99),
    "AU02": ("outer_brow", 0.50, 0.99),
    "AU04": ("brow_low", 0.50, 0.99),
    "AU05": ("eyes_open", 0.60, 0.99),
    "AU06": ("lower_lid_rise", 0.50, 0.98),
    "AU07": ("eyes_open", 0.40, 0.03),
    "AU09": ("upper_lip_rise", 0.50, 0.99),
    "AU10": ("upper_lip_rise", 0.50, 0.99),
    "AU12": ("corner_rise", 0.30, 0.99),
    "AU14": ("mouth_width", 0.50, 0.99),
    "AU15": ("corner_drop", 0.50, 0.995),
    "AU17": ("chin_raise", 0.50, 0.99),
    "AU20": ("mouth_width", 0.50, 0.99),
    "AU23": ("lip_press", 0.50, 0.99),
    "AU25": ("lip_gap", 0.40, 0.90),
    "AU26": ("lip_gap", 0.90, 0.995),
    "AU45": ("eyes_open", 0.10, None),
}


class GeometryReader:
    """Maps landmarks to 17 AU readings in [0, 1] with quantiles fitted on a set of faces."""

    def __init__(self, anchors: Dict[str, Sequence[float]]):
        self.codes = au_codes()
        missing = [c for c in self.codes if c not in anchors]
        if missing:
            raise ValueError(f"no quantile anchors for {', '.join(missing)}")
        self.anchors = {c: (float(anchors[c][0]), float(anchors[c][1])) for c in self.codes}

    @classmethod
    def fit(cls, points: np.ndarray) -> "GeometryReader":
        m = raw_measures(points)
        anchors = {}
        for code, (name, lo, hi) in READINGS.items():
            v = m[name]
            zero = float(np.quantile(v, lo))
            one = float(np.quantile(v, hi)) if hi is not None else 0.0  # AU45: the lids touch
            anchors[code] = (zero, one)
        return cls(anchors)

    def read(self, points: np.ndarray) -> np.ndarray:
        """N x 68 x 2 landmarks -> N x 17 readings in [0, 1], in the model's AU order."""
        m = raw_measures(points)
        out = np.zeros((len(points), len(self.codes)), dtype=np.float32)
        for j, code in enumerate(self.codes):
            zero, one = self.anchors[code]
            v = m[READINGS[code][0]]
            out[:, j] = np.clip((v - zero) / (one - zero), 0.0, 1.0)
        # Mouth widening with the corners raised is a smile (AU12), not a stretch (AU20) or a dimple.
        for code in ("AU14", "AU20"):
            j = self.codes.index(code)
            out[:, j] *= 1.0 - out[:, self.codes.index("AU12")]
        return out

    def to_json(self) -> dict:
        return {"anchors": {c: list(v) for c, v in self.anchors.items()},
                "measures": {c: READINGS[c][0] for c in self.codes}}

    @classmethod
    def from_json(cls, d: dict) -> "GeometryReader":
        return cls(d["anchors"])

    def save(self, path) -> None:
        with open(path, "w", encoding="utf-8") as f:
            json.dump(self.to_json(), f, indent=1)

    @classmethod
    def load(cls, path) -> "GeometryReader":
        with open(path, encoding="utf-8") as f:
            return cls.from_json(json.load(f))
