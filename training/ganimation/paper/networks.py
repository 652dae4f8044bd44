"""GANimation networks (Pumarola et al., ECCV 2018), as in the official implementation.

Input contract: image N x 3 x H x W in [-1, 1], AUs N x c_dim in [0, 1].
The generator returns the colour mask C in [-1, 1] and the attention mask A in [0, 1];
the edited image is A * image + (1 - A) * C (A = 1 keeps the input pixel).
"""
from typing import Tuple

import torch
import torch.nn.functional as F
from torch import nn


def _norm(channels: int, affine: bool) -> nn.Module:
    return nn.InstanceNorm2d(channels, affine=affine, track_running_stats=False)


class ResidualBlock(nn.Module):
    def __init__(self, dim: int, affine_norm: bool = True, conv_bias: bool = False):
        super().__init__()
        self.main = nn.Sequential(
            nn.Conv2d(dim, dim, kernel_size=3, stride=1, padding=1, bias=conv_bias),
            _norm(dim, affine_norm),
            nn.ReLU(inplace=True),
            nn.Conv2d(dim, dim, kernel_size=3, stride=1, padding=1, bias=conv_bias),
            _norm(dim, affine_norm),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.main(x)


class Generator(nn.Module):
    """G(I, y) -> (C, A).

    conv_dim: channels of the first layer (64 in the paper); repeat_num: residual blocks (6);
    c_dim: number of AUs (17). affine_norm / conv_bias select between the original layout
    (affine InstanceNorm, no conv bias) and the replication layout (plain IN, biased convs).
    The colour and attention heads never have a bias.
    """

    def __init__(self, conv_dim: int = 64, repeat_num: int = 6, c_dim: int = 17,
                 affine_norm: bool = True, conv_bias: bool = False):
        super().__init__()
        self.c_dim = c_dim
        layers = [nn.Conv2d(3 + c_dim, conv_dim, kernel_size=7, stride=1, padding=3, bias=conv_bias),
                  _norm(conv_dim, affine_norm), nn.ReLU(inplace=True)]
        dim = conv_dim
        for _ in range(2):
            layers += [nn.Conv2d(dim, dim * 2, kernel_size=4, stride=2, padding=1, bias=conv_bias),
                       _norm(dim * 2, affine_norm), nn.ReLU(inplace=True)]
            dim *= 2
        for _ in range(repeat_num):
            layers.append(ResidualBlock(dim, affine_norm, conv_bias))
        for _ in range(2):
            layers += [nn.ConvTranspose2d(dim, dim // 2, kernel_size=4, stride=2, padding=1, bias=conv_bias),
                       _norm(dim // 2, affine_norm), nn.ReLU(inplace=True)]
            dim //= 2
        self.main = nn.Sequential(*layers)
        self.img_reg = nn.Sequential(nn.Conv2d(dim, 3, kernel_size=7, stride=1, padding=3, bias=False), nn.Tanh())
        self.attention_reg = nn.Sequential(nn.Conv2d(dim, 1, kernel_size=7, stride=1, padding=3, bias=False),
                                           nn.Sigmoid())

    def forward(self, image: torch.Tensor, aus: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        x = image
        for i, layer in enumerate(self.main):
            x = self._first_conv(image, aus) if i == 0 else layer(x)
        # Both heads as one 7x7 convolution with 3 + 1 output channels: the same numbers in one pass
        # over the 128 x 128 features instead of two (the heads are a sixth of the CPU time otherwise).
        color_conv, attention_conv = self.img_reg[0], self.attention_reg[0]
        w = torch.cat([color_conv.weight, attention_conv.weight], 0)
        out = F.conv2d(x, w, None, 1, w.size(2) // 2)
        c = color_conv.weight.size(0)
        return torch.tanh(out[:, :c]), torch.sigmoid(out[:, c:])

    def _first_conv(self, image: torch.Tensor, aus: torch.Tensor) -> torch.Tensor:
        """The first convolution of [image, AUs tiled as c_dim constant planes], without tiling them.

        A convolution of a constant plane depends only on how near the border a pixel is, so the AU
        channels' share is computed on a k x k plane and spread out: the same numbers as the
        full-size convolution, at 3/(3 + c_dim) of its cost (the AU share is 85 % of it at 17 AUs).
        """
        conv = self.main[0]
        w = conv.weight
        k = w.size(2)
        p = k // 2
        out = F.conv2d(image, w[:, :3], conv.bias, 1, p)
        n, c = aus.size(0), aus.size(1)
        small = F.conv2d(aus.view(n, c, 1, 1).expand(n, c, k, k), w[:, 3:], None, 1, p)
        return out + small.index_select(2, _border_index(image.size(2), k, image.device)) \
                          .index_select(3, _border_index(image.size(3), k, image.device))


def _border_index(size: int, k: int, device: torch.device) -> torch.Tensor:
    """For each of `size` positions, its position in a k-wide plane with the same distances to the border
    (0 .. k/2 - 1 near the start, k/2 in the middle, up to k - 1 at the end)."""
    p = k // 2
    r = torch.arange(size, device=device)
    return torch.where(r >= size - p, r - (size - k), torch.clamp(r, max=p))


def composite(image: torch.Tensor, color: torch.Tensor, attention: torch.Tensor) -> torch.Tensor:
    """A * I + (1 - A) * C, all in [-1, 1] image space."""
    return attention * image + (1 - attention) * color


class Critic(nn.Module):
    """D(I) -> (realism patch map N x 1 x k x k, AU regression N x c_dim), k = image_size / 2**repeat_num."""

    def __init__(self, image_size: int = 128, conv_dim: int = 64, c_dim: int = 17, repeat_num: int = 6):
        super().__init__()
        if image_size % (2 ** repeat_num) != 0:
            raise ValueError(f"image size {image_size} is not divisible by 2**{repeat_num}")
        layers = [nn.Conv2d(3, conv_dim, kernel_size=4, stride=2, padding=1), nn.LeakyReLU(0.01, inplace=True)]
        dim = conv_dim
        for _ in range(1, repeat_num):
            layers += [nn.Conv2d(dim, dim * 2, kernel_size=4, stride=2, padding=1), nn.LeakyReLU(0.01, inplace=True)]
            dim *= 2
        self.main = nn.Sequential(*layers)
        k = image_size // (2 ** repeat_num)
        self.c_dim = c_dim
        self.conv1 = nn.Conv2d(dim, 1, kernel_size=3, stride=1, padding=1, bias=False)
        self.conv2 = nn.Conv2d(dim, c_dim, kernel_size=k, bias=False)

    def forward(self, image: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        h = self.main(image)
        return self.conv1(h), self.conv2(h).view(image.size(0), self.c_dim)


def randomize_norm_affine(module: nn.Module, generator: torch.Generator) -> None:
    """Give affine InstanceNorm layers non-trivial weights, so tests notice a dropped affine term."""
    with torch.no_grad():
        for m in module.modules():
            if isinstance(m, nn.InstanceNorm2d) and m.affine:
                m.weight.copy_(1 + 0.2 * torch.randn(m.weight.shape, generator=generator))
                m.bias.copy_(0.1 * torch.randn(m.bias.shape, generator=generator))
