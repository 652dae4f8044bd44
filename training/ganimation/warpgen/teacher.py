"""The teacher of the warp-residual generator: what an edit to a target AU vector should do to one crop,
computed from the crop's landmarks.

1. `ShapeModel`: how each AU moves the 68 landmarks, fitted by ridge regression of the landmarks (in the
   eye frame) on the geometric AU readings over the data: a reading of 0 -> 1 moves the points by one
   column of the basis. A target moves the face's own points by B (target - own).
2. `tps_backward_flow`: a thin-plate spline through the moved points (and fixed points on the crop's
   border) gives, for each output pixel, where in the photo its colour comes from.
3. `MouthModel`: a mouth that opens needs pixels the photo does not have. The inside of an open mouth
   (teeth above, dark below) is averaged over the data's open mouths in a frame spanned by the inner
   lips, relative to the face's skin colour, and laid into the moved inner lips.
4. `close_lids`: closed eyes need pixels the photo does not have either: the upper lid comes down over
   the eye as the face's own lid skin, with its lash line at the lid's new edge.

The network learns to do all of this from the crop alone (no landmarks at run time).
"""
from typing import Dict, Tuple

import numpy as np
import torch
import torch.nn.functional as F
from scipy.interpolate import griddata
from scipy.ndimage import gaussian_filter, map_coordinates

from ..action_units import au_codes
from .geometry import from_eye_frame, to_eye_frame

AU45 = au_codes().index("AU45")

INNER_UPPER = [60, 61, 62, 63, 64]
INNER_LOWER = [60, 67, 66, 65, 64]

INNER_PAIRS = [(61, 67), (62, 66), (63, 65)]
BROWS = set(range(17, 27))
EYES = set(range(36, 48))
NOSE_BASE = set(range(31, 36))
MOUTH = set(range(48, 68))
UPPER_LIP = {48, 49, 50, 51, 52, 53, 54, 60, 61, 62, 63, 64}
LOWER_LIP = {48, 54, 55, 56, 57, 58, 59, 60, 64, 65, 66, 67}
CHIN = set(range(5, 12))
JAW = set(range(3, 14))
# Which landmarks each AU's muscles move (FACS): brows, lids, nose base, lips, chin and jaw.
REGIONS = {
    "AU01": BROWS, "AU02": BROWS, "AU04": BROWS,
    "AU05": EYES, "AU06": EYES, "AU07": EYES, "AU45": EYES,
    "AU09": NOSE_BASE | UPPER_LIP, "AU10": NOSE_BASE | UPPER_LIP,
    "AU12": MOUTH, "AU14": MOUTH, "AU15": MOUTH, "AU20": MOUTH, "AU23": MOUTH, "AU25": MOUTH,
    "AU17": LOWER_LIP | CHIN, "AU26": LOWER_LIP | JAW,
}


class ShapeModel:
    """Landmarks (eye frame) ~ mean + readings @ basis, per AU a 68 x 2 displacement."""

    def __init__(self, mean: np.ndarray, basis: np.ndarray, strength: float = 1.0):
        self.mean = mean.astype(np.float32)  # 68 x 2
        self.basis = basis.astype(np.float32)  # 17 x 68 x 2
        # A reading of 1 is the data's strongest face; an expression asked for at full strength is played
        # somewhat beyond it, as an actor would, so that it reads at a glance.
        self.strength = float(strength)

    @classmethod
    def fit(cls, points: np.ndarray, readings: np.ndarray, codes, ridge: float = 1.0,
            strength: float = 1.0) -> "ShapeModel":
        """Each landmark is regressed only on the AUs whose muscles can move it (`REGIONS`), so a reading
        that happens to go with long faces or a tilted head (the jaw's) cannot stretch the whole face."""
        x = to_eye_frame(points)
        xm = x.mean(0)
        rm = readings.mean(0)
        r = readings - rm
        basis = np.zeros((len(codes), 68, 2))
        for j in range(68):
            allowed = [k for k, c in enumerate(codes) if j in REGIONS[c]]
            if not allowed:
                continue
            ra = r[:, allowed]
            a = ra.T @ ra + ridge * np.eye(len(allowed))
            basis[allowed, j] = np.linalg.solve(a, ra.T @ (x[:, j] - xm[j]))
        # Only parting the lips and dropping the jaw open the mouth: for every other AU the inner lips move
        # together.
        for k, c in enumerate(codes):
            if c not in ("AU25", "AU26"):
                for a, b in INNER_PAIRS:
                    basis[k, a] = basis[k, b] = (basis[k, a] + basis[k, b]) / 2
        # AU45 moves no point: a thin-plate spline through lids that meet folds the skin round the eye into
        # rings. The lids close by `close_lids` instead.
        basis[list(codes).index("AU45")] = 0
        mean = xm - np.tensordot(rm, basis, axes=1)
        return cls(mean, basis, strength)

    def moved(self, points: np.ndarray, own: np.ndarray, target: np.ndarray) -> np.ndarray:
        """One face's 68 x 2 crop points moved from its own readings to the target."""
        frame = to_eye_frame(points[None])[0]
        frame = frame + self.strength * np.tensordot(target - own, self.basis, axes=1)
        return from_eye_frame(frame[None], points[None])[0]

    def to_json(self) -> dict:
        return {"mean": self.mean.tolist(), "basis": self.basis.tolist(), "strength": self.strength}

    @classmethod
    def from_json(cls, d: dict) -> "ShapeModel":
        return cls(np.array(d["mean"]), np.array(d["basis"]), d.get("strength", 1.0))


def border_points(size: int, per_side: int = 6) -> np.ndarray:
    t = np.linspace(0, size - 1, per_side)
    z, e = np.zeros_like(t), np.full_like(t, size - 1)
    return np.concatenate([np.stack([t, z], 1), np.stack([t, e], 1), np.stack([z, t], 1), np.stack([e, t], 1)])


def _tps_kernel(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    d2 = ((a[:, None] - b[None]) ** 2).sum(-1)
    return 0.5 * d2 * np.log(d2 + 1e-12)


def tps_backward_flow(src: np.ndarray, dst: np.ndarray, size: int, grid: int, smooth: float = 1e-5) -> np.ndarray:
    """2 x grid x grid backward flow in crop sides: output pixel p takes its colour from p + flow(p), where a
    thin-plate spline carries the points `dst` (where features go) to `src` (where they are now). Points on
    the crop's border stay put."""
    fixed = border_points(size)
    # Landmarks are pixel indices (a pixel's centre at an integer); the flow's grid counts in crop sides.
    s = (np.concatenate([src, fixed]) + 0.5) / size
    d = (np.concatenate([dst, fixed]) + 0.5) / size
    k = len(d)
    kmat = _tps_kernel(d, d) + smooth * np.eye(k)
    p = np.concatenate([np.ones((k, 1)), d], 1)
    a = np.zeros((k + 3, k + 3))
    a[:k, :k], a[:k, k:], a[k:, :k] = kmat, p, p.T
    rhs = np.zeros((k + 3, 2))
    rhs[:k] = s - d
    coef = np.linalg.solve(a, rhs)
    c = (np.arange(grid) + 0.5) / grid  # cell centres, as the flow's bilinear upsampling expects
    gx, gy = np.meshgrid(c, c)
    q = np.stack([gx.ravel(), gy.ravel()], 1)
    disp = _tps_kernel(q, d) @ coef[:k] + np.concatenate([np.ones((len(q), 1)), q], 1) @ coef[k:]
    return disp.T.reshape(2, grid, grid).astype(np.float32)


def warp(image: torch.Tensor, flow: torch.Tensor) -> torch.Tensor:
    """Backward warp of N x 3 x s x s images by N x 2 x h x w flows in crop sides (upsampled bilinearly):
    out(p) = image(p + flow(p)), edge pixels repeated. Matches model-core's FlowFields."""
    n, _, s, _ = image.shape
    up = F.interpolate(flow, size=(s, s), mode="bilinear", align_corners=False)
    c = (torch.arange(s, dtype=image.dtype) + 0.5) / s
    gy, gx = torch.meshgrid(c, c, indexing="ij")
    # Pixel centres p in crop sides; grid_sample (align_corners=False) wants 2p - 1.
    x = (gx[None] + up[:, 0]) * 2 - 1
    y = (gy[None] + up[:, 1]) * 2 - 1
    return F.grid_sample(image, torch.stack([x, y], -1), mode="bilinear", padding_mode="border", align_corners=False)


def _lip_curve(points: np.ndarray, idx, u: np.ndarray) -> np.ndarray:
    pts = points[idx]
    t = np.linspace(0, 1, len(idx))
    return np.stack([np.interp(u, t, pts[:, 0]), np.interp(u, t, pts[:, 1])], -1)


def mouth_positions(points: np.ndarray, nu: int, nv: int) -> np.ndarray:
    """nv x nu x 2 crop pixels spanning the inner lips: u from corner to corner, v from upper to lower lip."""
    u = np.linspace(0, 1, nu)
    top, bottom = _lip_curve(points, INNER_UPPER, u), _lip_curve(points, INNER_LOWER, u)
    v = np.linspace(0, 1, nv)[:, None, None]
    return top[None] * (1 - v) + bottom[None] * v


def skin_colour(image: np.ndarray, points: np.ndarray) -> np.ndarray:
    """Mean RGB (0-1) of the cheeks below the eyes, an H x W x 3 image."""
    samples = []
    for eye, jaw in ((range(36, 42), 3), (range(42, 48), 13)):
        e = points[list(eye)].mean(0)
        c = (e + points[jaw]) / 2
        x, y = int(round(c[0])), int(round(c[1]))
        patch = image[max(0, y - 3):y + 4, max(0, x - 3):x + 4].reshape(-1, 3)
        if len(patch):
            samples.append(patch)
    return np.concatenate(samples).mean(0) if samples else image.reshape(-1, 3).mean(0)


def sample_colours(image: np.ndarray, rows: np.ndarray, cols: np.ndarray, mode: str = "constant") -> np.ndarray:
    """Bilinear samples of every channel of an H x W x C image at (rows, cols), stacked on a last axis."""
    return np.stack([map_coordinates(image[..., c], [rows, cols], order=1, mode=mode)
                     for c in range(image.shape[-1])], -1)


class MouthModel:
    """The inside of an open mouth, relative to the face's skin colour: a band of teeth along each inner
    lip, averaged over the data's open mouths on the inner-lip (u, v) frame, and the dark of the mouth's
    cavity (the darkest share of those mouths) between the bands once the mouth opens wider than them."""

    NU, NV = 32, 16

    def __init__(self, teeth: np.ndarray, cavity: np.ndarray, teeth_iod: float):
        self.teeth = teeth.astype(np.float32)  # NV x NU x 3, colour / skin colour, upper lip at row 0
        self.cavity = np.asarray(cavity, np.float32)  # 3, colour / skin colour
        self.teeth_iod = float(teeth_iod)  # height of one band of teeth, in inter-ocular distances

    @classmethod
    def fit(cls, images: np.ndarray, points: np.ndarray, gaps: np.ndarray, min_gap_px: float) -> "MouthModel":
        acc, dark, heights = np.zeros((cls.NV, cls.NU, 3)), [], []
        for img, pts, gap in zip(images, points, gaps):
            if gap < min_gap_px:
                continue
            pos = mouth_positions(pts, cls.NU, cls.NV)
            vals = sample_colours(img, pos[..., 1], pos[..., 0])
            rel = vals / np.maximum(skin_colour(img, pts), 0.05)
            acc += rel
            lum = rel.mean(-1).ravel()
            dark.append(rel.reshape(-1, 3)[lum <= np.quantile(lum, 0.15)].mean(0))
            iod = np.linalg.norm(pts[36:42].mean(0) - pts[42:48].mean(0))
            heights.append(gap / 2 / iod)
        if not dark:
            raise ValueError("no open mouths to learn the mouth's inside from")
        return cls(acc / len(dark), np.mean(dark, 0), float(np.median(heights)))

    def lay_in(self, image: np.ndarray, src_points: np.ndarray, dst_points: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
        """(H x W x 3 colours, H x W weight) of the mouth's inside between the moved inner lips, weighted by
        how much wider the mouth opens than it was (an open mouth keeps its own teeth)."""
        h, w, _ = image.shape
        weight = np.zeros((h, w), np.float32)
        colour = np.zeros((h, w, 3), np.float32)
        gap_dst = np.linalg.norm(dst_points[62] - dst_points[66])
        gap_src = np.linalg.norm(src_points[62] - src_points[66])
        new = float(np.clip(1.0 - gap_src / max(gap_dst, 1e-6), 0.0, 1.0))
        if gap_dst < 1.0 or new <= 0:
            return colour, weight
        pos = mouth_positions(dst_points, 48, 24).reshape(-1, 2)
        uv = np.stack(np.meshgrid(np.linspace(0, 1, 48), np.linspace(0, 1, 24)), -1).reshape(-1, 2)
        x0, y0 = np.floor(pos.min(0)).astype(int)
        x1, y1 = np.ceil(pos.max(0)).astype(int)
        x0, y0, x1, y1 = max(x0, 0), max(y0, 0), min(x1, w - 1), min(y1, h - 1)
        if x1 <= x0 or y1 <= y0:
            return colour, weight
        gx, gy = np.meshgrid(np.arange(x0, x1 + 1), np.arange(y0, y1 + 1))
        su = griddata(pos, uv[:, 0], (gx, gy), method="linear")
        sv = griddata(pos, uv[:, 1], (gx, gy), method="linear")
        inside = ~np.isnan(su)
        su, sv = np.nan_to_num(su), np.nan_to_num(sv)
        iod = np.linalg.norm(src_points[36:42].mean(0) - src_points[42:48].mean(0))
        band = max(self.teeth_iod * iod / gap_dst, 1e-3)  # one band of teeth, as a share of the opening
        # Upper teeth hang from the upper lip, lower teeth stand on the lower lip; between them, the cavity.
        # The lower lip hides half of the lower teeth (in the data's open mouths the lower half is darker).
        low = 0.5 * band
        row_up = np.clip(sv / band, 0, 1) * (self.NV - 1) / 2
        row_down = (self.NV - 1) - np.clip((1 - sv) / low, 0, 1) * (self.NV - 1) / 2
        col = su * (self.NU - 1)
        up = sample_colours(self.teeth, row_up, col)
        down = sample_colours(self.teeth, row_down, col)
        near_up = np.clip(1.5 - sv / band, 0, 1)[..., None]
        near_down = np.clip(1.5 - (1 - sv) / low, 0, 1)[..., None]
        rel = up * near_up + down * near_down * (1 - near_up) + self.cavity * (1 - near_up) * (1 - near_down)
        skin = skin_colour(image, src_points)
        colour[y0:y1 + 1, x0:x1 + 1] = np.clip(rel * skin, 0, 1) * inside[..., None]
        weight[y0:y1 + 1, x0:x1 + 1] = inside
        weight = gaussian_filter(weight, 0.7) * new
        return colour, np.clip(weight, 0, 1)

    def to_json(self) -> dict:
        return {"teeth": self.teeth.tolist(), "cavity": self.cavity.tolist(), "teethIod": self.teeth_iod}

    @classmethod
    def from_json(cls, d: dict) -> "MouthModel":
        return cls(np.array(d["teeth"]), np.array(d["cavity"]), d["teethIod"])


RIGHT_UPPER, RIGHT_LOWER = [36, 37, 38, 39], [36, 41, 40, 39]
LEFT_UPPER, LEFT_LOWER = [42, 43, 44, 45], [42, 47, 46, 45]


def close_lids(image: np.ndarray, src_points: np.ndarray, dst_points: np.ndarray,
               closure: float) -> Tuple[np.ndarray, np.ndarray]:
    """(H x W x 3 colours, H x W weight) of upper lids brought down over the eyes by `closure` (0 = as they
    are, 1 = onto the lower lids). The lid is the face's own skin just above each upper lid, a little
    darker towards its edge, and the edge carries the lash line, the darkest of the photo's upper lid.
    Geometry follows the moved points; colours come from the photo at the unmoved ones."""
    h, w, _ = image.shape
    colour = np.zeros((h, w, 3), np.float32)
    weight = np.zeros((h, w), np.float32)
    if closure <= 0:
        return colour, weight
    gy, gx = np.mgrid[0:h, 0:w].astype(np.float64)
    for upper, lower in ((RIGHT_UPPER, RIGHT_LOWER), (LEFT_UPPER, LEFT_LOWER)):
        c0, c1 = dst_points[upper[0]], dst_points[upper[-1]]
        length = float(np.linalg.norm(c1 - c0))
        if length < 2:
            continue
        ex = (c1 - c0) / length
        ey = np.array([-ex[1], ex[0]])  # across the eye, downwards in the image

        def frame(p, origin=c0):
            d = p - origin
            return d @ ex / length, d @ ey  # u in eye widths (0 and 1 at the corners), v in pixels

        uu, vu = frame(dst_points[upper])
        ul, vl = frame(dst_points[lower])
        u, v = frame(np.stack([gx, gy], -1))
        inside_u = (u > 0) & (u < 1)
        v_upper = np.interp(u, uu, vu)
        v_edge = v_upper + closure * (np.interp(u, ul, vl) - v_upper)
        lash = max(0.06 * length, 0.8)
        # colours, from the photo along the unmoved lid
        s0, s1 = src_points[upper[0]], src_points[upper[-1]]
        samples = np.linspace(0.05, 0.95, 12)
        lid_line = np.stack([np.interp(samples, np.linspace(0, 1, 4), src_points[upper][:, k]) for k in (0, 1)], -1)
        src_ey = np.array([-(s1 - s0)[1], (s1 - s0)[0]]) / max(np.linalg.norm(s1 - s0), 1e-6)
        skin_at = lid_line - 0.25 * length * src_ey

        def sample(pts):
            return sample_colours(image, pts[:, 1], pts[:, 0], mode="nearest")

        skin = gaussian_filter(sample(skin_at), (1.5, 0), mode="nearest")
        line = sample(np.concatenate([lid_line + d * src_ey for d in (-1.0, 0.0, 1.0)]))
        lum = line.mean(1)
        lash_colour = line[lum <= np.quantile(lum, 0.3)].mean(0)
        # the lid's skin from just above the photo's lash line (which it hides) down to its new edge, the lash
        # line along that edge
        top = v_upper - 2 * lash
        t = np.clip((v - top) / np.maximum(v_edge - top, 1e-3), 0, 1)[..., None]
        lid = np.stack([np.interp(u, samples, skin[:, k]) for k in range(3)], -1) * (1 - 0.15 * t)
        on_lash = np.clip(1 - np.abs(v - v_edge) / lash, 0, 1)[..., None]
        eye_colour = lid * (1 - on_lash) + lash_colour * on_lash
        cover = (np.clip(v - top + 0.5, 0, 1) * np.clip(v_edge + lash - v + 0.5, 0, 1)
                 * np.clip(np.minimum(u, 1 - u) * length + 0.5, 0, 1) * inside_u)
        sel = cover > weight
        colour[sel] = eye_colour[sel]
        weight[sel] = cover[sel]
    return np.clip(colour, 0, 1), gaussian_filter(weight, 0.5)


def teach(image: np.ndarray, points: np.ndarray, own: np.ndarray, target: np.ndarray, shape: ShapeModel,
          mouth: MouthModel, grid: int) -> Dict[str, np.ndarray]:
    """One training target for an H x W x 3 crop (0-1) moved from its own readings to `target`: the flow
    (2 x grid x grid), the fill colour (3 x H x W) and the fill weight (H x W)."""
    size = image.shape[0]
    dst = shape.moved(points, own, target)
    flow = tps_backward_flow(points, dst, size, grid)
    fill, weight = mouth.lay_in(image, points, dst)
    closure = float(np.clip(shape.strength * (target[AU45] - own[AU45]), 0, 1))
    lids, lid_weight = close_lids(image, points, dst, closure)
    both = np.clip(weight + lid_weight, 0, 1)
    fill = (fill * weight[..., None] + lids * lid_weight[..., None]) / np.maximum(weight + lid_weight, 1e-6)[..., None]
    return {"flow": flow, "fill": fill.transpose(2, 0, 1), "weight": both}
