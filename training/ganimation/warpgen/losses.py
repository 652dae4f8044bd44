"""What the warp-residual generator is taught: to do what the teacher does to a crop (flow, mouth fill,
composite, and the new pixels of an opened mouth or closed lids on their own area), to keep every pixel it
has no reason to move, and, where the frozen AU estimator is given, to
make an edit the estimator reads as the target (a reader only: it is never trained here). A lift network's
head is taught only the lids (`lid_losses`): where the teacher lays them (its paint mask) and what they show."""
from typing import Dict, Optional

import torch
import torch.nn.functional as F

from .network import blend, colour_mask, compose, is_lift, kept, lift_paint
from .teacher import warp

WEIGHTS = {"composite": 1.0, "flow": 0.5, "own": 0.2, "keep": 0.05, "paint": 0.05, "fill": 0.2, "reader": 0.05,
           "where": 0.5, "stray": 2.0, "source": 0.1}


def teacher_composite(face01, flow, fill, weight):
    """The teacher's edit: the warped photo, with the mouth's inside laid in where it opens."""
    return (1 - weight) * warp(face01, flow) + weight * fill


def _over_fill(error: torch.Tensor, weight: torch.Tensor) -> torch.Tensor:
    """Mean of an N x 3 x S x S error over the teacher's fill, weighted by it."""
    return (error.mean(1, keepdim=True) * weight).sum() / (weight.sum() + 1.0)


def around(weight: torch.Tensor, margin: float) -> torch.Tensor:
    """The teacher's fill grown by `margin` (a share of the crop's side) on every side."""
    r = int(round(margin * weight.shape[-1]))
    return F.max_pool2d(weight, 2 * r + 1, 1, r) if r > 0 else weight


def generator_losses(face01: torch.Tensor, target: torch.Tensor, out, teacher: Dict[str, torch.Tensor],
                     reader: Optional[torch.nn.Module] = None, out_own=None,
                     soft_paint: bool = False, flow_emphasis: float = 0.0,
                     fill_margin: float = 0.0) -> Dict[str, torch.Tensor]:
    """Each term (unweighted) for one batch. `teacher`: flow N x 2 x G x G (crop sides), fill N x 3 x S x S and
    weight N x 1 x S x S in [0, 1]. `out_own`, the network at the face's own AUs, makes the terms about the
    change from there to the target, which is what the studio pastes (the edit at the target minus the edit
    at the face as photographed): the network then need not read the face's own expression to the last
    decimal, only how the target differs from it; a separate term keeps its edit at the own AUs near none.
    `flow_emphasis`: a flow error weighs 1 + flow_emphasis x (the teacher's motion there, in pixels), so the few
    cells that carry an expression (inner brows, lips) count for more than the still skin around them.
    `fill_margin` (a share of the side): the new pixels are taught over the fill grown by it, where both the
    edit and C must be the teacher's edit. Over the fill alone, painting the mouth's dark wherever it might
    be costs only the small `paint` term outside it, and a network unsure where the lips part paints a dark
    blur over the lip and chin; over the fill and its surroundings, a wrong dark pixel costs what a right
    one earns.
    A lift network is taught by `lid_losses` instead."""
    flow, residual, attention = out
    if is_lift(flow):
        raise ValueError("a lift network's head is taught by lid_losses")
    size = face01.shape[-1]
    want = teacher_composite(face01, teacher["flow"], teacher["fill"], teacher["weight"])
    colour = colour_mask(face01, flow, residual, soft_paint)
    got = blend(face01, colour, attention)
    moved = flow
    terms = {}
    if out_own is not None:
        # network.studio_edit, with the edit at the target made once above
        at_own = compose(face01, *out_own, soft_paint)
        got = face01 + got - at_own
        moved = flow - out_own[0]
        terms["own"] = (at_own - face01).abs().mean() + (out_own[0].abs() * size).mean()
    # Where the teacher moves nothing (under a tenth of a pixel) and paints nothing, the photo stays.
    motion = F.interpolate(teacher["flow"], size=(size, size), mode="bilinear", align_corners=False)
    still = ((motion.norm(dim=1, keepdim=True) * size < 0.1).float() * (1 - teacher["weight"])).detach()
    near = around(teacher["weight"], fill_margin)
    colour_want = want if fill_margin > 0 else teacher["fill"]  # around the fill, C is the warped photo
    emphasis = 1 + flow_emphasis * teacher["flow"].norm(dim=1, keepdim=True) * size
    terms.update({
        "composite": (got - want).abs().mean(),
        # in pixels, so the weight means the same at any crop size
        "flow": ((moved - teacher["flow"]).abs() * size * emphasis).mean(),
        "keep": ((1 - attention) * still).mean(),
        "paint": (residual.abs() * (1 - teacher["weight"])).mean(),
        # The new pixels (the mouth's inside, closed lids) over their own area: over the whole crop they are
        # a percent or two of the pixels and the mean above barely sees them. The colour C is taught there
        # directly too: where nothing moves, C starts as the photo and A near 1, and neither alone learns
        # (A's gradient needs C to differ from the photo; C's is scaled by 1 - A).
        "fill": _over_fill((got - want).abs(), near) + _over_fill((colour - colour_want).abs(), near),
    })
    if reader is not None:
        terms["reader"] = F.l1_loss(reader(got.clamp(0, 1) * 2 - 1), target)
    return terms


# In an aligned crop the eyes lie in the upper half (their centres at about 0.37 of the side) and the mouth in the
# lower (from about 0.55): the teacher's fill above this line is its lids.
LIDS_ABOVE = 0.5


# The lids are taught this share of the side higher than the teacher lays them: a mask's soft top edge otherwise
# leaves the photo's upper lash line round the closed lid, which then reads as an empty eye.
LID_RAISE = 0.016


def lids_of(weight: torch.Tensor) -> torch.Tensor:
    """The teacher's fill weight (N x 1 x S x S) over its lids only, grown upwards by LID_RAISE."""
    size = weight.shape[-2]
    rows = torch.arange(size, device=weight.device).view(1, 1, -1, 1)
    lids = weight * (rows < LIDS_ABOVE * size).to(weight.dtype)
    grown = lids
    for k in range(1, int(round(LID_RAISE * size)) + 1):
        grown = torch.maximum(grown, F.pad(lids[..., k:, :], (0, 0, 0, k)))
    return grown


# The teacher's lid is the skin from a little above the photo's upper lid: its fill starts there, and the skin it
# copies lies about this share of the crop above the fill's top.
SKIN_ABOVE_LID = 0.025


def lid_sources(lids: torch.Tensor) -> torch.Tensor:
    """Where each pixel of the teacher's lids (weight over a half) takes its skin from, as the y of a backward
    flow in crop sides (N x 1 x S x S, 0 off the lids): from just above the lid's top in its own column, as the
    teacher does (`teacher.close_lids`)."""
    size = lids.shape[-2]
    on = lids > 0.5
    rows = torch.arange(size, device=lids.device, dtype=lids.dtype).view(1, 1, -1, 1)
    top = torch.where(on, rows, torch.full_like(lids, float(size))).amin(-2, keepdim=True)
    return torch.where(on, (top - rows) / size - SKIN_ABOVE_LID, torch.zeros_like(lids))


def lid_losses(face01: torch.Tensor, out, teacher: Dict[str, torch.Tensor], out_own=None,
               fill_margin: float = 0.08) -> Dict[str, torch.Tensor]:
    """What a lift network's head is taught (its warp network is frozen): its paint mask P the teacher's lids
    ("where": a cross-entropy over the crop and again over the lids with their margin, since the lids are a
    percent of the pixels; not L1, which gives a sigmoid that starts near 0 almost no gradient), and over the
    lids and their margin the edit and C the teacher's ("fill"). Whatever it paints away from the lids and their
    margin ("stray": P' there) is a lid laid over a jaw or a brow. Its source flow is taught on the lids where the
    teacher takes their skin from ("source", in pixels): through the colour alone it settles a few pixels up,
    on the softened eye itself. At the face's own AUs it lays nothing in."""
    flow, residual, attention = out
    lids = lids_of(teacher["weight"])
    near = around(lids, fill_margin)
    want = teacher_composite(face01, teacher["flow"], teacher["fill"], teacher["weight"])
    colour = colour_mask(face01, flow, residual)
    got = blend(face01, colour, kept(flow, residual, attention))
    if out_own is not None:
        got = face01 + got - compose(face01, *out_own)
    where = F.binary_cross_entropy(residual[:, 3:], lids, reduction="none")
    terms = {
        "where": where.mean() + _over_fill(where, near),
        "fill": _over_fill((got - want).abs(), near) + _over_fill((colour - want).abs(), near),
        "stray": (lift_paint(residual) * (1 - near)).mean(),
    }
    size = face01.shape[-1]
    on = (lids > 0.5).to(lids.dtype)
    source = F.interpolate(flow[:, 2:], size=(size, size), mode="bilinear", align_corners=False)
    want_source = torch.cat([torch.zeros_like(lids), lid_sources(lids)], 1)
    terms["source"] = ((source - want_source).abs() * on).sum() * size / (2 * on.sum() + 1.0)
    if out_own is not None:
        terms["where"] = terms["where"] + F.binary_cross_entropy(out_own[1][:, 3:], torch.zeros_like(lids))
    return terms


def total(terms: Dict[str, torch.Tensor]) -> torch.Tensor:
    return sum(WEIGHTS[k] * v for k, v in terms.items())
