"""Batch augmentations on [-1, 1] image tensors, driven by an explicit torch.Generator so runs are
reproducible and resumable."""
import math

import torch
import torch.nn.functional as F


def _rand(n, gen, lo, hi, device):
    return torch.rand(n, generator=gen).to(device) * (hi - lo) + lo


def hflip(x: torch.Tensor, gen: torch.Generator, p: float = 0.5) -> torch.Tensor:
    flip = (torch.rand(x.size(0), generator=gen) < p).to(x.device)
    return torch.where(flip.view(-1, 1, 1, 1), x.flip(3), x)


def geometric(x: torch.Tensor, gen: torch.Generator, scale=0.08, shift=0.04, degrees=6.0) -> torch.Tensor:
    """Small random zoom, shift and roll: crops from a real detector are never perfectly centred."""
    n = x.size(0)
    s = _rand(n, gen, 1 - scale, 1 + scale, x.device)
    r = _rand(n, gen, -degrees, degrees, x.device) * math.pi / 180
    tx = _rand(n, gen, -shift, shift, x.device) * 2
    ty = _rand(n, gen, -shift, shift, x.device) * 2
    cos, sin = torch.cos(r) / s, torch.sin(r) / s
    theta = torch.stack([torch.stack([cos, -sin, tx], 1), torch.stack([sin, cos, ty], 1)], 1)
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    return F.grid_sample(x, grid, mode="bilinear", padding_mode="border", align_corners=False)


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


def estimator_augment(x: torch.Tensor, gen: torch.Generator) -> torch.Tensor:
    x = geometric(hflip(x, gen), gen, scale=0.05, shift=0.03, degrees=4.0)
    return colour(resolution(x, gen), gen, brightness=0.15, contrast=0.2, saturation=0.3, grey_p=0.05)
