"""The warp-residual generator: from a face crop and a target AU vector, a smooth flow F at a quarter of the crop's
resolution, a colour residual dC and the attention A (1 keeps the photo's pixel). The edit is
A * I + (1 - A) * (warp(I, F) + dC / 2), composed by model-core's `WarpResidualGeneratorDesign` at run time
and by `compose` here in training.

With `lift`, a trained warp network (frozen) gets a head of its own that lays in new pixels where a warp has
none to move: closed lids. The head says where they come from (a second flow F2, relative to F, which reads
from above: a lid's skin is the skin over the eye, not the cheek under it) and where it lays them (a paint mask
P in [0, 1]), and adds its own colour change to dC where it paints. Then

    moved = warp(I, F)
    source = soften(warp(I, F + F2))
    P' = clamp((P - LIFT_FROM) / (LIFT_TO - LIFT_FROM), 0, 1)
    C = moved + P' * (source - moved) + dC / 2
    edit = A' * I + (1 - A') * C,   A' = A * (1 - P')

so a closed lid is the face's own skin from above the eye, softened, and neither the photo's sharp iris (kept
by A) nor the warped one shows through it. The outputs keep their three tensors: flow has 4 channels (F, then
F2) and residual 4 (dC, then P); `compose` tells the designs apart by the flow's channels. Everything the warp
network did stays as it was wherever P is 0, so a lift network edits every expression as its warp did.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

from .teacher import AU45, warp

# Flow is in crop sides; no expression moves a feature by more than a quarter of the crop.
MAX_FLOW = 0.25
# Lift's source flow starts a lid's height up (y < 0 reads above: warp samples p + flow), where the skin is,
# and its paint mask starts near 0 (sigmoid(-4) = 0.018), so a lift network starts as its warp network.
LIFT_START = (0.0, -0.08)
LIFT_PAINT_BIAS = -4.0
# The source flow reads from above (up to MAX_FLOW) and at most this far sideways.
LIFT_SIDEWAYS = 0.05
# The paint mask is scaled by AU45 / LIFT_GATE (at most 1): faces read at AU45 0.04 on average, and no edit
# below this asks for a lid over more than a fifth of the eye.
LIFT_GATE = 0.25
# P is taught the teacher's soft fill weight; it paints from LIFT_FROM and wholly from LIFT_TO, so a lid the mask
# covers at 0.8-0.9 hides the eye under it entirely and a mask's faint tail paints nothing.
LIFT_FROM, LIFT_TO = 0.15, 0.75


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


class _LiftHead(nn.Module):
    """Lift's own head, on the warp network's last decoder features, the half-resolution face and where each
    pixel is in the crop (a lid's dark edge looks like a jaw's; only its place tells them apart): two convs,
    each followed by the AUs as gain and offset, then the source flow, the paint mask's logit and a colour
    change (logits added to dC's where it paints). Its last conv starts at 0: the source flow at LIFT_START and
    P at sigmoid(LIFT_PAINT_BIAS)."""

    def __init__(self, cin, ch, c_dim):
        super().__init__()
        self.c1 = nn.Conv2d(cin + 5, ch, 3, 1, 1)
        self.f1 = nn.Linear(c_dim, 2 * ch)
        self.c2 = nn.Conv2d(ch, ch, 3, 1, 1)
        self.f2 = nn.Linear(c_dim, 2 * ch)
        self.out = nn.Conv2d(ch, 6, 3, 1, 1)
        for f in (self.f1, self.f2):
            nn.init.zeros_(f.weight)
            nn.init.zeros_(f.bias)
        nn.init.zeros_(self.out.weight)
        with torch.no_grad():
            self.out.bias.zero_()
            self.out.bias[0] = math.atanh(LIFT_START[0] / LIFT_SIDEWAYS)
            self.out.bias[1] = -math.log(MAX_FLOW / -LIFT_START[1] - 1)  # sigmoid's inverse
            self.out.bias[2] = LIFT_PAINT_BIAS

    def forward(self, features, face_half, c):
        n, _, h, w = features.shape
        rows = torch.linspace(-1.0, 1.0, h, device=features.device).view(1, 1, h, 1).expand(n, 1, h, w)
        cols = torch.linspace(-1.0, 1.0, w, device=features.device).view(1, 1, 1, w).expand(n, 1, h, w)
        gain, offset = self.f1(c).unsqueeze(-1).unsqueeze(-1).chunk(2, 1)
        y = F.relu(self.c1(torch.cat([features, face_half, rows, cols.abs()], 1)) * (1 + gain) + offset)
        gain, offset = self.f2(c).unsqueeze(-1).unsqueeze(-1).chunk(2, 1)
        y = F.relu(self.c2(y) * (1 + gain) + offset)
        return self.out(y)


class WarpResidualGenerator(nn.Module):
    """A small U-Net that looks at the face at half the crop's resolution (expression is shape, and shape
    needs no fine detail): inputs N x 3 x S x S faces on [-1, 1] and N x c_dim AUs in [0, 1]; outputs flow
    N x 2 x S/4 x S/4 (crop sides), residual N x 3 x S x S ([-1, 1] scale) and attention N x 1 x S x S,
    both painted at S/2 and upsampled. The photo's detail reaches the edit through the warp, not through
    the network. The AUs enter at the bottleneck (tiled) and in every decoder stage. With `lift`, flow has
    4 channels (F, source flow F2) and residual 4 (dC, paint mask P) from a head of their own (`_LiftHead`),
    and only that head trains: the warp network under it is frozen (see the module's docstring)."""

    # a constant to TorchScript, so a network without a head scripts without the lift branch
    lift: torch.jit.Final[bool]

    def __init__(self, width: int = 16, c_dim: int = 17, blocks: int = 2, soft_paint: bool = False,
                 lift: bool = False):
        super().__init__()
        # how its outputs are composed (colour_mask); not a weight. Lift composes its own C where it paints
        # and has no use for the residual-gated softening.
        self.soft_paint = soft_paint and not lift
        self.lift = lift
        w = width
        self.c_dim = c_dim
        self.max_flow = MAX_FLOW
        self.sideways = LIFT_SIDEWAYS
        self.lid_au = AU45
        self.lid_gate = LIFT_GATE
        self.paint_from, self.paint_to = LIFT_FROM, LIFT_TO
        self.stem = _conv(3, w)  # S/2
        self.d1 = _conv(w, 2 * w, 2)  # S/4
        self.d2 = _conv(2 * w, 4 * w, 2)  # S/8
        self.d3 = _conv(4 * w, 6 * w, 2)  # S/16
        self.join = _conv(6 * w + c_dim, 6 * w)
        self.mid = nn.Sequential(*[_Residual(6 * w) for _ in range(blocks)])
        self.u2 = _Up(6 * w, 4 * w, 4 * w, c_dim)  # S/8
        self.u1 = _Up(4 * w, 2 * w, 3 * w, c_dim)  # S/4
        self.flow = nn.Conv2d(3 * w, 2, 3, 1, 1)
        self.u0 = _Up(3 * w, w, 3 * w // 2, c_dim)  # S/2
        self.paint = nn.Conv2d(3 * w // 2, 4, 3, 1, 1)
        nn.init.zeros_(self.flow.weight)
        nn.init.zeros_(self.flow.bias)
        nn.init.zeros_(self.paint.weight)
        with torch.no_grad():
            self.paint.bias.copy_(torch.tensor([0.0, 0.0, 0.0, 4.0]))  # start by keeping every pixel
        if lift:
            for p in self.parameters():
                p.requires_grad_(False)
            self.head = _LiftHead(3 * w // 2, 2 * w, c_dim)

    def train(self, mode: bool = True):
        """A lift network's warp network stays in evaluation mode (its batch norms use their running means), so
        it edits while the head learns exactly as it did when exported."""
        super().train(mode)
        if self.lift:
            for name, m in self.named_children():
                if name != "head":
                    m.train(False)
        return self

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
        y = self.u0(y, s0, c)
        p = self.paint(y)
        if self.lift:
            z = self.head(y, F.avg_pool2d(x, 2), c)
            # lids are laid in only as far as AU45 asks for them: an edit that leaves the eyes open (brows
            # raised, a smile) cannot paint them, whatever the head makes of its other AUs
            gate = (c[:, self.lid_au:self.lid_au + 1] / self.lid_gate).clamp(0, 1).view(n, 1, 1, 1)
            paint = torch.sigmoid(z[:, 2:3]) * gate
            # the head's colour change counts only where it paints (P'), so elsewhere dC is the warp network's own
            painted = ((paint - self.paint_from) / (self.paint_to - self.paint_from)).clamp(0, 1)
            p = torch.cat([p[:, :3] + painted * z[:, 3:6], p[:, 3:4], paint], 1)
            # a lid's new skin comes from above it (y < 0), never from the cheek below, and from nearly straight up
            z2 = F.avg_pool2d(z[:, :2], 2)
            source = torch.cat([self.sideways * torch.tanh(z2[:, :1]), -self.max_flow * torch.sigmoid(z2[:, 1:])], 1)
            flow = torch.cat([flow, source], 1)
        p = F.interpolate(p, size=(h, w), mode="bilinear", align_corners=False)
        residual = torch.tanh(p[:, :3])
        attention = torch.sigmoid(p[:, 3:4])
        if self.lift:
            residual = torch.cat([residual, p[:, 4:5]], 1)
        return flow, residual, attention


def load_weights(g: WarpResidualGenerator, state: dict) -> None:
    """Loads a run's weights into `g`; a warp network's weights go into a lift network too, whose head keeps its
    own start (`LIFT_START`, `LIFT_PAINT_BIAS`)."""
    missing, unexpected = g.load_state_dict(state, strict=False)
    if unexpected or any(not k.startswith("head.") for k in missing):
        raise ValueError(f"these weights are not this network's: missing {missing}, unexpected {unexpected}")


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


def lift_paint(residual: torch.Tensor) -> torch.Tensor:
    """P' from a lift network's residual: its paint mask P, painting from LIFT_FROM and wholly from LIFT_TO."""
    return ((residual[:, 3:] - LIFT_FROM) / (LIFT_TO - LIFT_FROM)).clamp(0, 1)


def colour_mask(face01: torch.Tensor, flow: torch.Tensor, residual: torch.Tensor,
                soft_paint: bool = False) -> torch.Tensor:
    """The colour C, built from the photo itself: warp(I, F) + dC / 2; with `soft_paint`, the warped photo
    is softened where the residual paints (see PAINT_FROM). A lift network's outputs (`is_lift`) make
    warp(I, F) + P' * (soften(warp(I, F + F2)) - warp(I, F)) + dC / 2, whatever `soft_paint` says."""
    if is_lift(flow):
        moved = warp(face01, flow[:, :2])
        source = soften(warp(face01, flow[:, :2] + flow[:, 2:]))
        return moved + lift_paint(residual) * (source - moved) + residual[:, :3] / 2
    moved = warp(face01, flow)
    if soft_paint:
        moved = moved + painted(residual) * (soften(moved) - moved)
    return moved + residual / 2


def kept(flow: torch.Tensor, residual: torch.Tensor, attention: torch.Tensor) -> torch.Tensor:
    """How much of the photo each pixel keeps: A, and for a lift network A * (1 - P'), so nothing of the photo
    shows through the pixels it lays in."""
    return attention * (1 - lift_paint(residual)) if is_lift(flow) else attention


def blend(face01: torch.Tensor, colour: torch.Tensor, attention: torch.Tensor) -> torch.Tensor:
    """A * I + (1 - A) * C: the attention keeps the photo's pixels, the rest come from C."""
    return attention * face01 + (1 - attention) * colour


def compose(face01: torch.Tensor, flow: torch.Tensor, residual: torch.Tensor, attention: torch.Tensor,
            soft_paint: bool = False) -> torch.Tensor:
    """The edit in [0, 1], as model-core composes it: A * I + (1 - A) * C (A as `kept` says)."""
    return blend(face01, colour_mask(face01, flow, residual, soft_paint), kept(flow, residual, attention))


def studio_edit(face01: torch.Tensor, at_target, at_own, soft_paint: bool = False) -> torch.Tensor:
    """The edit as the studio pastes it: the crop plus the change between the network's edits at the target
    and at the face's own AUs (each a (flow, residual, attention) triple, plain or lift). Not clamped."""
    return face01 + compose(face01, *at_target, soft_paint) - compose(face01, *at_own, soft_paint)
