"""The warp-residual generator: from a face crop and a target AU vector, a smooth flow F at a quarter of the crop's
resolution, a colour residual dC and the attention A (1 keeps the photo's pixel). The edit is
A * I + (1 - A) * (warp(I, F) + dC / 2), composed by model-core's `WarpResidualGeneratorDesign` at run time
and by `compose` here in training.

With `lift`, the network also says where the new pixels (closed lids, an opened mouth) come from: a second
flow F2, relative to F, and a paint mask P in [0, 1]. Then

    moved = warp(I, F)
    source = soften(warp(I, F + F2))
    C = moved + P * (source - moved) + dC / 2
    edit = A * I + (1 - A) * C

so a closed lid can be the face's own skin from above the eye instead of the iris under it with a residual
over it (half-resolution, it cannot turn every iris into every face's skin). The outputs keep their three
tensors: flow has 4 channels (F, then F2) and residual 4 (dC, then P); `compose` tells the two designs apart
by the flow's channels, and the soft-paint gate (`painted`) is not used with lift.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

from .teacher import warp

# Flow is in crop sides; no expression moves a feature by more than a quarter of the crop.
MAX_FLOW = 0.25
# Lift's source flow starts a lid's height up (y < 0 reads above: warp samples p + flow), where the skin is,
# and its paint mask starts near 0 (sigmoid(-4) = 0.018), so a lift network starts as the plain one.
LIFT_START = (0.0, -0.08)
LIFT_PAINT_BIAS = -4.0


def _conv(cin, cout, stride=1):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class _Residual(nn.Module):
    def __init__(self, ch):
        super().__init__()
        self.body = nn.Sequential(_conv(ch, ch), nn.Conv2d(ch, ch, 3, 1, 1, bias=False), nn.BatchNorm2d(ch))

    def forward(self, x):
        return F.relu(x + self.body(x))


class _Up(nn.Module):
    """Upsample, join the encoder's features at that scale, one conv, then the AUs as a per-channel gain
    and offset (cheaper than tiling 17 AU planes over every pixel)."""

    def __init__(self, cin, skip, cout, c_dim):
        super().__init__()
        self.conv = _conv(cin + skip, cout)
        self.film = nn.Linear(c_dim, 2 * cout)
        nn.init.zeros_(self.film.weight)
        nn.init.zeros_(self.film.bias)

    def forward(self, x, s, c):
        x = F.interpolate(x, size=s.shape[-2:], mode="bilinear", align_corners=False)
        y = self.conv(torch.cat([x, s], 1))
        gain, offset = self.film(c).unsqueeze(-1).unsqueeze(-1).chunk(2, 1)
        return F.relu(y * (1 + gain) + offset)


class WarpResidualGenerator(nn.Module):
    """A small U-Net that looks at the face at half the crop's resolution (expression is shape, and shape
    needs no fine detail): inputs N x 3 x S x S faces on [-1, 1] and N x c_dim AUs in [0, 1]; outputs flow
    N x 2 x S/4 x S/4 (crop sides), residual N x 3 x S x S ([-1, 1] scale) and attention N x 1 x S x S,
    both painted at S/2 and upsampled. The photo's detail reaches the edit through the warp, not through
    the network. The AUs enter at the bottleneck (tiled) and in every decoder stage. With `lift`, flow has
    4 channels (F, source flow F2) and residual 4 (dC, paint mask P); see the module's docstring."""

    def __init__(self, width: int = 16, c_dim: int = 17, blocks: int = 2, soft_paint: bool = False,
                 lift: bool = False):
        super().__init__()
        # how its outputs are composed (colour_mask); not a weight. Lift composes its own C and has no use
        # for the residual-gated softening.
        self.soft_paint = soft_paint and not lift
        self.lift = lift
        w = width
        self.c_dim = c_dim
        self.max_flow = MAX_FLOW
        self.stem = _conv(3, w)  # S/2
        self.d1 = _conv(w, 2 * w, 2)  # S/4
        self.d2 = _conv(2 * w, 4 * w, 2)  # S/8
        self.d3 = _conv(4 * w, 6 * w, 2)  # S/16
        self.join = _conv(6 * w + c_dim, 6 * w)
        self.mid = nn.Sequential(*[_Residual(6 * w) for _ in range(blocks)])
        self.u2 = _Up(6 * w, 4 * w, 4 * w, c_dim)  # S/8
        self.u1 = _Up(4 * w, 2 * w, 3 * w, c_dim)  # S/4
        self.flow = nn.Conv2d(3 * w, 4 if lift else 2, 3, 1, 1)
        self.u0 = _Up(3 * w, w, 3 * w // 2, c_dim)  # S/2
        self.paint = nn.Conv2d(3 * w // 2, 5 if lift else 4, 3, 1, 1)
        nn.init.zeros_(self.flow.weight)
        nn.init.zeros_(self.flow.bias)
        nn.init.zeros_(self.paint.weight)
        with torch.no_grad():
            self.paint.bias[:4].copy_(torch.tensor([0.0, 0.0, 0.0, 4.0]))  # start by keeping every pixel
            if lift:
                self.flow.bias[2:].copy_(torch.tensor([math.atanh(v / MAX_FLOW) for v in LIFT_START]))
                self.paint.bias[4] = LIFT_PAINT_BIAS

    def forward(self, x: torch.Tensor, c: torch.Tensor):
        n, _, h, w = x.shape
        s0 = self.stem(F.avg_pool2d(x, 2))
        s1 = self.d1(s0)
        s2 = self.d2(s1)
        y = self.d3(s2)
        cmap = c.view(n, self.c_dim, 1, 1).expand(n, self.c_dim, y.shape[2], y.shape[3])
        y = self.mid(self.join(torch.cat([y, cmap], 1)))
        y = self.u2(y, s2, c)
        y = self.u1(y, s1, c)
        flow = self.max_flow * torch.tanh(self.flow(y))
        p = F.interpolate(self.paint(self.u0(y, s0, c)), size=(h, w), mode="bilinear", align_corners=False)
        residual = torch.tanh(p[:, :3])
        attention = torch.sigmoid(p[:, 3:4])
        if self.lift:
            residual = torch.cat([residual, torch.sigmoid(p[:, 4:5])], 1)
        return flow, residual, attention


def load_weights(g: WarpResidualGenerator, state: dict) -> None:
    """Loads a run's weights into `g`; a plain network's weights go into a lift network too: its flow and
    paint convs take them on their first channels and keep their own start (`LIFT_START`) on the rest."""
    own = g.state_dict()
    for k, v in state.items():
        if k in own and own[k].shape != v.shape and k.split(".")[0] in ("flow", "paint") \
                and own[k].shape[1:] == v.shape[1:] and own[k].shape[0] > v.shape[0]:
            grown = own[k].clone()
            grown[:v.shape[0]] = v
            state = {**state, k: grown}
    g.load_state_dict(state)


def is_lift(flow: torch.Tensor) -> bool:
    """Whether outputs come from a lift network (flow carries F and the source flow F2)."""
    return flow.shape[1] == 4


# Soft paint: where the residual changes a pixel's colour by more than PAINT_FROM (on the [0, 1] scale), C
# fades from the warped photo to the warped photo softened to the residual's own resolution, wholly so from
# PAINT_TO. The residual is painted at half the crop's resolution and cannot cancel the photo's finer detail:
# without this, an iris or a lash line shows through the lid painted over it.
PAINT_FROM, PAINT_TO = 0.03, 0.12


def painted(residual: torch.Tensor) -> torch.Tensor:
    """N x 1 x S x S: how much of C is painted, from the residual's largest channel change (smoothstep).
    For the plain design's 3-channel residual only."""
    t = ((residual.abs().amax(1, keepdim=True) / 2 - PAINT_FROM) / (PAINT_TO - PAINT_FROM)).clamp(0, 1)
    return t * t * (3 - 2 * t)


def soften(x: torch.Tensor) -> torch.Tensor:
    """The picture at half its resolution (2 x 2 means), brought back up bilinearly: what the residual can
    paint over. model-core does the same on crops of any size (means over cells of two model pixels)."""
    return F.interpolate(F.avg_pool2d(x, 2), size=x.shape[-2:], mode="bilinear", align_corners=False)


def colour_mask(face01: torch.Tensor, flow: torch.Tensor, residual: torch.Tensor,
                soft_paint: bool = False) -> torch.Tensor:
    """The colour C, built from the photo itself: warp(I, F) + dC / 2; with `soft_paint`, the warped photo
    is softened where the residual paints (see PAINT_FROM). A lift network's outputs (`is_lift`) make
    warp(I, F) + P * (soften(warp(I, F + F2)) - warp(I, F)) + dC / 2, whatever `soft_paint` says."""
    if is_lift(flow):
        moved = warp(face01, flow[:, :2])
        source = soften(warp(face01, flow[:, :2] + flow[:, 2:]))
        return moved + residual[:, 3:] * (source - moved) + residual[:, :3] / 2
    moved = warp(face01, flow)
    if soft_paint:
        moved = moved + painted(residual) * (soften(moved) - moved)
    return moved + residual / 2


def blend(face01: torch.Tensor, colour: torch.Tensor, attention: torch.Tensor) -> torch.Tensor:
    """A * I + (1 - A) * C: the attention keeps the photo's pixels, the rest come from C."""
    return attention * face01 + (1 - attention) * colour


def compose(face01: torch.Tensor, flow: torch.Tensor, residual: torch.Tensor, attention: torch.Tensor,
            soft_paint: bool = False) -> torch.Tensor:
    """The edit in [0, 1], as model-core composes it: A * I + (1 - A) * C."""
    return blend(face01, colour_mask(face01, flow, residual, soft_paint), attention)


def studio_edit(face01: torch.Tensor, at_target, at_own, soft_paint: bool = False) -> torch.Tensor:
    """The edit as the studio pastes it: the crop plus the change between the network's edits at the target
    and at the face's own AUs (each a (flow, residual, attention) triple, plain or lift). Not clamped."""
    return face01 + compose(face01, *at_target, soft_paint) - compose(face01, *at_own, soft_paint)
