"""Batch augmentations on [-1, 1] image tensors, driven by an explicit torch.Generator so runs are
reproducible and resumable."""
import math

import torch
import torch.nn.functional as F


def _rand(n, gen, lo, hi, device):
    return torch.rand(n, generator=gen).to(device) * (hi - lo) + lo


def _affine(n, gen, device, scale, shift, degrees) -> torch.Tensor:
    """N x 2 x 3 sampling matrices (output -> input, normalised coordinates): zoom, roll and shift."""
    s = _rand(n, gen, 1 - scale, 1 + scale, device)
    r = _rand(n, gen, -degrees, degrees, device) * math.pi / 180
    tx = _rand(n, gen, -shift, shift, device) * 2
    ty = _rand(n, gen, -shift, shift, device) * 2
    cos, sin = torch.cos(r) / s, torch.sin(r) / s
    return torch.stack([torch.stack([cos, -sin, tx], 1), torch.stack([sin, cos, ty], 1)], 1)


def _warp(x: torch.Tensor, theta: torch.Tensor) -> torch.Tensor:
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    return F.grid_sample(x, grid, mode="bilinear", padding_mode="border", align_corners=False)


def geometric(x: torch.Tensor, gen: torch.Generator, scale=0.08, shift=0.04, degrees=6.0) -> torch.Tensor:
    """Small random zoom, shift and roll: crops from a real detector are never perfectly centred."""
    return _warp(x, _affine(x.size(0), gen, x.device, scale, shift, degrees))


def resolution(x: torch.Tensor, gen: torch.Generator, p: float = 0.3, min_side: int = 48) -> torch.Tensor:
    """Down- then up-sampling for part of the batch: bridges small, soft frames and sharp crops."""
    size = x.size(-1)
    out = x.clone()
    pick = torch.rand(x.size(0), generator=gen) < p
    for i in torch.nonzero(pick).flatten().tolist():
        side = int(torch.randint(min_side, size, (1,), generator=gen))
        small = F.interpolate(x[i:i + 1], size=(side, side), mode="area")
        out[i:i + 1] = F.interpolate(small, size=(size, size), mode="bilinear", align_corners=False)
    return out


def colour(x: torch.Tensor, gen: torch.Generator, brightness=0.2, contrast=0.3, saturation=0.4,
           grey_p=0.1) -> torch.Tensor:
    n = x.size(0)
    b = _rand(n, gen, -brightness, brightness, x.device).view(-1, 1, 1, 1)
    c = _rand(n, gen, 1 - contrast, 1 + contrast, x.device).view(-1, 1, 1, 1)
    s = _rand(n, gen, 1 - saturation, 1 + saturation, x.device).view(-1, 1, 1, 1)
    grey = (torch.rand(n, generator=gen) < grey_p).to(x.device).view(-1, 1, 1, 1)
    luma = (0.299 * x[:, 0:1] + 0.587 * x[:, 1:2] + 0.114 * x[:, 2:3])
    x = luma + (x - luma) * torch.where(grey, torch.zeros_like(s), s)
    mean = x.mean(dim=(1, 2, 3), keepdim=True)
    x = (x - mean) * c + mean + b
    return x.clamp(-1, 1)


# Mirror partner of each of the 68 face landmarks (iBUG 300-W order): left and right swap in a flip.
LANDMARK_MIRROR = (list(range(16, -1, -1)) + list(range(26, 16, -1)) + [27, 28, 29, 30] + list(range(35, 30, -1))
                   + [45, 44, 43, 42, 47, 46, 39, 38, 37, 36, 41, 40]
                   + [54, 53, 52, 51, 50, 49, 48, 59, 58, 57, 56, 55, 64, 63, 62, 61, 60, 67, 66, 65])


def estimator_augment(x: torch.Tensor, gen: torch.Generator, points: torch.Tensor = None):
    """The estimator's training views. With `points` (N x K x 2 landmarks, normalised [-1, 1] image
    coordinates) returns (images, points) with the points moved by the same flip, zoom, roll and shift."""
    n = x.size(0)
    flip = (torch.rand(n, generator=gen) < 0.5).to(x.device)
    x = torch.where(flip.view(-1, 1, 1, 1), x.flip(3), x)
    theta = _affine(n, gen, x.device, scale=0.05, shift=0.03, degrees=4.0)
    x = colour(resolution(_warp(x, theta), gen), gen, brightness=0.15, contrast=0.2, saturation=0.3, grey_p=0.05)
    if points is None:
        return x
    mirrored = points[:, LANDMARK_MIRROR] * torch.tensor([-1.0, 1.0], device=x.device)
    points = torch.where(flip.view(-1, 1, 1), mirrored, points)
    # The warp samples input = A @ output + t, so a point moves to A^-1 (input - t).
    a_inv = torch.linalg.inv(theta[:, :, :2])
    points = torch.einsum("nij,nkj->nki", a_inv, points - theta[:, None, :, 2])
    return x, points
