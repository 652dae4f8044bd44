"""The warp-residual generator's pieces: geometric readings, the shape model, the teacher's warp and mouth,
the network and its training loop (stop, continue, export)."""
import json

import numpy as np
import pytest
import torch

from ganimation.action_units import au_codes
from ganimation.warpgen import geometry, teacher
from ganimation.warpgen.losses import generator_losses, total
from ganimation.warpgen.network import WarpResidualGenerator, compose, load_weights

CODES = au_codes()


def mean_face(n=200, seed=0, size=128):
    """Landmark sets around a plausible frontal face in a 128-px crop, with per-face variation in smile,
    mouth opening, brow height and eye opening."""
    rng = np.random.default_rng(seed)
    base = np.zeros((68, 2))
    base[0:17] = np.stack([np.linspace(34, 94, 17), 64 + 30 * np.sin(np.linspace(0, np.pi, 17))], 1)
    base[17:22] = np.stack([np.linspace(40, 58, 5), np.full(5, 44.0)], 1)
    base[22:27] = np.stack([np.linspace(70, 88, 5), np.full(5, 44.0)], 1)
    base[27:31] = np.stack([np.full(4, 64.0), np.linspace(52, 68, 4)], 1)
    base[31:36] = np.stack([np.linspace(58, 70, 5), np.full(5, 72.0)], 1)
    for start, cx in ((36, 50.0), (42, 78.0)):
        ang = np.linspace(np.pi, -np.pi, 7)[:-1]
        base[start:start + 6] = np.stack([cx + 7 * np.cos(ang), 52 - 3 * np.sin(ang)], 1)
    base[48:60] = np.stack([64 + 14 * np.cos(np.linspace(np.pi, -np.pi, 13)[:-1]),
                            84 - 5 * np.sin(np.linspace(np.pi, -np.pi, 13)[:-1])], 1)
    base[60:68] = np.stack([64 + 10 * np.cos(np.linspace(np.pi, -np.pi, 9)[:-1]),
                            84 - 1.5 * np.sin(np.linspace(np.pi, -np.pi, 9)[:-1])], 1)
    faces = np.repeat(base[None], n, 0)
    smile, gap, brow, eye = (rng.uniform(0, 1, n) for _ in range(4))
    faces[:, [48, 54, 60, 64], 1] -= 4 * smile[:, None]
    faces[:, [65, 66, 67], 1] += 6 * gap[:, None]
    faces[:, 55:60, 1] += 6 * gap[:, None]
    faces[:, 17:27, 1] -= 4 * brow[:, None]
    faces[:, [37, 38, 43, 44], 1] -= 1.5 * eye[:, None]
    return faces + rng.normal(0, 0.2, faces.shape), dict(smile=smile, gap=gap, brow=brow, eye=eye)


def test_readings_follow_the_shape_and_stay_in_range():
    pts, truth = mean_face()
    reader = geometry.GeometryReader.fit(pts)
    r = reader.read(pts)
    assert r.shape == (len(pts), 17) and r.min() >= 0 and r.max() <= 1
    corr = lambda code, v: np.corrcoef(r[:, CODES.index(code)], v)[0, 1]
    assert corr("AU12", truth["smile"]) > 0.8
    assert corr("AU25", truth["gap"]) > 0.7
    assert corr("AU01", truth["brow"]) > 0.6
    # the eye frame: moving and turning the whole face changes no reading
    ang = np.deg2rad(12)
    rot = np.array([[np.cos(ang), -np.sin(ang)], [np.sin(ang), np.cos(ang)]])
    moved = (pts - 64) @ rot.T * 1.3 + np.array([70, 60])
    assert np.allclose(reader.read(moved), r, atol=1e-4)
    again = geometry.GeometryReader.from_json(json.loads(json.dumps(reader.to_json())))
    assert np.allclose(again.read(pts), r)


def test_shape_model_moves_only_what_each_muscle_moves_and_nothing_at_the_own_reading():
    pts, truth = mean_face()
    reader = geometry.GeometryReader.fit(pts)
    r = reader.read(pts)
    shape = teacher.ShapeModel.fit(pts, r, CODES)
    k = CODES.index("AU12")
    moved_points = np.flatnonzero(np.abs(shape.basis[k]).sum(1) > 0)
    assert set(moved_points) <= teacher.REGIONS["AU12"]
    # a smile raises the lip corners (y up = smaller) and does not part the lips
    assert shape.basis[k, 48, 1] < 0 and shape.basis[k, 54, 1] < 0
    assert np.allclose(shape.basis[k, 62], shape.basis[k, 66])
    # AU45 moves no point (the lids close by the teacher's lid fill, `close_lids`)
    assert np.abs(shape.basis[CODES.index("AU45")]).max() == 0
    assert np.allclose(shape.moved(pts[0], r[0], r[0]), pts[0], atol=1e-4)


def test_thin_plate_flow_is_zero_without_motion_and_carries_a_point_where_asked():
    pts, _ = mean_face(1)
    p = pts[0]
    assert np.abs(teacher.tps_backward_flow(p, p, 128, 32)).max() < 1e-6
    dst = p.copy()
    dst[48:68, 1] -= 6  # the whole mouth 6 px up
    flow = teacher.tps_backward_flow(p, dst, 128, 128)
    # the output pixel at the moved mouth samples the photo where the mouth was
    y, x = int(round(dst[66, 1])), int(round(dst[66, 0]))
    assert flow[1, y, x] * 128 == pytest.approx(6, abs=0.5)
    assert np.abs(flow[:, :4, :4]).max() * 128 < 0.5  # the crop's corner stays


def test_warp_samples_each_pixel_where_its_flow_points_as_model_core_does():
    torch.manual_seed(0)
    img = torch.rand(1, 3, 32, 32)
    flow = (torch.rand(1, 2, 8, 8) - 0.5) * 0.1
    out = teacher.warp(img, flow)
    up = torch.nn.functional.interpolate(flow, size=(32, 32), mode="bilinear", align_corners=False)[0] * 32
    for y, x in ((5, 7), (16, 16), (30, 2)):  # FlowFields.warp: pixel (x, y) reads (x + dx, y + dy), clamped
        sx = float((x + up[0, y, x]).clamp(0, 31))
        sy = float((y + up[1, y, x]).clamp(0, 31))
        x0, y0 = min(int(sx), 30), min(int(sy), 30)
        tx, ty = sx - x0, sy - y0
        want = (img[0, :, y0, x0] * (1 - tx) * (1 - ty) + img[0, :, y0, x0 + 1] * tx * (1 - ty)
                + img[0, :, y0 + 1, x0] * (1 - tx) * ty + img[0, :, y0 + 1, x0 + 1] * tx * ty)
        assert torch.allclose(out[0, :, y, x], want, atol=1e-5)
    assert torch.allclose(teacher.warp(img, torch.zeros(1, 2, 8, 8)), img, atol=1e-6)


def test_mouth_model_lays_dark_inside_only_where_the_mouth_opens_wider():
    pts, truth = mean_face()
    rng = np.random.default_rng(1)
    images = np.clip(rng.normal(0.6, 0.02, (len(pts), 128, 128, 3)), 0, 1)
    gaps = np.linalg.norm(pts[:, 62] - pts[:, 66], axis=1)
    for img, p in zip(images, pts):  # open mouths: teeth near the lips, dark between
        y0, y1 = int(p[62, 1]), int(p[66, 1])
        img[y0:y1 + 1, int(p[60, 0]):int(p[64, 0]) + 1] = 0.1
    m = teacher.MouthModel.fit(images, pts, gaps, float(np.quantile(gaps, 0.7)))
    closed = pts[int(np.argmin(gaps))]
    opened = closed.copy()
    opened[[65, 66, 67], 1] += 10
    colour, weight = m.lay_in(images[0], closed, opened)
    inside = weight > 0.5
    assert inside.sum() > 30
    assert colour[inside].mean() < 0.4  # darker than the skin (0.6)
    colour, weight = m.lay_in(images[0], opened, opened)
    assert weight.max() == 0  # a mouth that does not open wider keeps its own inside


def test_lids_close_over_the_eyes_with_the_faces_own_lid_skin():
    pts, _ = mean_face(1)
    p = pts[0]
    img = np.full((128, 128, 3), 0.7)
    img[48:57, 42:58] = 0.1  # the right eye's opening (with its lashes) is dark, the lid above it skin
    img[48:57, 70:86] = 0.1
    colour, weight = teacher.close_lids(img, p, p, 0.0)
    assert weight.max() == 0
    colour, weight = teacher.close_lids(img, p, p, 1.0)
    for cx in (50, 78):
        assert weight[51, cx] > 0.8 and colour[51, cx].mean() > 0.5  # the eye's middle is now lid skin
    assert weight[30, 50] == 0 and weight[52, 64] == 0  # the brow's skin and the nose's bridge are not lids
    half, half_weight = teacher.close_lids(img, p, p, 0.5)
    assert half_weight[50, 50] > 0.5 and half_weight[54, 50] < 0.2  # half closed: the lower part stays open
    # the teacher lays the lids in when a target asks for AU45 and not otherwise
    shape = teacher.ShapeModel(np.zeros((68, 2)), np.zeros((17, 68, 2)))
    mouth = teacher.MouthModel(np.ones((16, 32, 3)), np.full(3, 0.3), 0.1)
    own = np.zeros(17, np.float32)
    blink = own.copy()
    blink[CODES.index("AU45")] = 1
    assert teacher.teach(img, p, own, own, shape, mouth, 32)["weight"].max() < 1e-6
    assert teacher.teach(img, p, own, blink, shape, mouth, 32)["weight"][51, 50] > 0.8


def test_network_shapes_identity_start_and_scripting():
    g = WarpResidualGenerator(width=8).eval()
    x = torch.rand(2, 3, 64, 64) * 2 - 1
    c = torch.rand(2, 17)
    flow, res, att = g(x, c)
    assert flow.shape == (2, 2, 16, 16) and res.shape == (2, 3, 64, 64) and att.shape == (2, 1, 64, 64)
    # untrained, it keeps the photo: zero flow, attention near 1
    face01 = (x + 1) / 2
    assert (compose(face01, flow, res, att) - face01).abs().max() < 0.02
    scripted = torch.jit.script(g)
    for a, b in zip(scripted(x, c), g(x, c)):
        assert torch.allclose(a, b, atol=1e-6)


def test_soft_paint_hides_the_photos_detail_only_where_the_residual_paints():
    from ganimation.warpgen.network import soften
    torch.manual_seed(0)
    face = torch.full((1, 3, 32, 32), 0.5)
    face[..., ::2, :] += 0.3  # detail finer than the residual can paint: a line every other row
    flow, attention = torch.zeros(1, 2, 8, 8), torch.zeros(1, 1, 32, 32)
    residual = torch.zeros(1, 3, 32, 32)
    residual[..., 8:24, 8:24] = 0.5  # a change of 0.25: painted
    residual[..., :4, :4] = 0.04  # a change of 0.02: a nudge, not paint
    hard = compose(face, flow, residual, attention)
    soft = compose(face, flow, residual, attention, soft_paint=True)
    assert torch.equal(soft[..., 24:, :], hard[..., 24:, :]) and torch.equal(soft[..., :4, :4], hard[..., :4, :4])
    inside = soft[..., 10:22, 10:22]
    assert (hard[..., 10:22, 10:22].std() > 0.1) and inside.std() < 0.01  # the lines no longer show through
    assert torch.allclose(inside, soften(face)[..., 10:22, 10:22] + 0.25)


def _trained_looking(g):
    """`g` with every weight nudged off its start, so its flow, residual and attention all vary."""
    torch.manual_seed(3)
    with torch.no_grad():
        for p in g.parameters():
            p.add_(torch.randn_like(p) * 0.05)
    return g.eval()


def test_a_lift_network_on_a_warp_network_makes_its_edit_exactly_and_trains_only_its_head():
    from ganimation.warpgen.network import LIFT_GATE, LIFT_PAINT_BIAS
    plain = _trained_looking(WarpResidualGenerator(width=8))
    lift = WarpResidualGenerator(width=8, lift=True)
    load_weights(lift, plain.state_dict())
    assert all(n.startswith("head.") for n, p in lift.named_parameters() if p.requires_grad)
    assert any(p.requires_grad for p in lift.parameters())
    # while the head trains, the warp network under it edits as it did when exported (batch norms frozen too)
    lift.train()
    assert not lift.stem.training and not lift.mid.training and lift.head.training
    torch.manual_seed(0)
    x, c = torch.rand(2, 3, 64, 64) * 2 - 1, torch.rand(2, 17)
    face01 = (x + 1) / 2
    with torch.no_grad():
        flow, res, att = plain(x, c)
        lflow, lres, latt = lift(x, c)
    assert lflow.shape == (2, 4, 16, 16) and lres.shape == (2, 4, 64, 64) and latt.shape == (2, 1, 64, 64)
    assert torch.allclose(lflow[:, :2], flow, atol=1e-6) and torch.allclose(lres[:, :3], res, atol=1e-6)
    assert torch.allclose(latt, att, atol=1e-6)
    # the head starts where the constructor puts it: sources 0.08 of the side up, paint near 0, which paints
    # nothing (below LIFT_FROM), so the edit is the warp network's
    assert torch.allclose(lflow[:, 2:], torch.tensor([0.0, -0.08]).view(1, 2, 1, 1).expand(2, 2, 16, 16), atol=1e-6)
    gate = (c[:, 16] / LIFT_GATE).clamp(0, 1).view(2, 1, 1, 1)  # AU45 asks for this much of the lids
    assert torch.allclose(lres[:, 3:], torch.sigmoid(torch.tensor(LIFT_PAINT_BIAS)) * gate.expand(2, 1, 64, 64))
    assert torch.equal(compose(face01, lflow, lres, latt), compose(face01, flow, res, att))
    # whatever the head has learnt, an edit that does not ask for AU45 paints no lid and is the warp's edit
    with torch.no_grad():
        for q in lift.head.parameters():
            q.add_(torch.randn_like(q))
        c_open = c.clone()
        c_open[:, 16] = 0
        lflow, lres, latt = lift(x, c_open)
        flow, res, att = plain(x, c_open)
    assert lres[:, 3:].abs().max() == 0
    assert torch.equal(compose(face01, lflow, lres, latt), compose(face01, flow, res, att))
    # weights that are not a warp network's are refused
    with pytest.raises(ValueError, match="not this network's"):
        load_weights(lift, {k: v for k, v in plain.state_dict().items() if k != "stem.0.weight"})
    scripted = torch.jit.script(lift.eval())
    for a, b in zip(scripted(x, c), lift(x, c)):
        assert torch.allclose(a, b, atol=1e-6)


def test_lift_lays_in_the_softened_photo_from_above_and_keeps_none_of_the_photo_there():
    size = 32
    rows = torch.arange(size, dtype=torch.float32).view(1, 1, size, 1) / size
    face = (0.2 + 0.6 * rows).expand(1, 3, size, size).clone()  # brighter downwards: a row's colour says where
    face[..., ::2] += 0.05  # detail finer than half the resolution: soften takes it out
    # the source flow a lift network starts with, whatever its weights
    start = WarpResidualGenerator(width=8, lift=True).eval()
    with torch.no_grad():
        source_flow = start(torch.zeros(1, 3, size, size), torch.zeros(1, 17))[0][:, 2:]
    shift = float(-source_flow[0, 1, 0, 0]) * size
    assert 2.5 < shift < 2.6 and float(source_flow[0, 0].abs().max()) < 1e-7
    flow = torch.cat([torch.zeros(1, 2, 8, 8), source_flow], 1)
    residual = torch.zeros(1, 4, size, size)
    residual[:, 3:, 10:24, 8:24] = 0.8  # P: lay new pixels here (wholly: it paints wholly from LIFT_TO)
    # an attention that keeps the whole photo keeps none of it where the lid is laid in
    edit = compose(face, flow, residual, torch.ones(1, 1, size, size))
    # outside, the photo as it is (no flow); inside, the row `shift` pixels above, without its fine detail
    assert torch.allclose(edit[..., :10, :], face[..., :10, :], atol=1e-6)
    assert torch.allclose(edit[..., :, :8], face[..., :, :8], atol=1e-6)
    inside = edit[..., 10:24, 10:22]
    above = 0.2 + 0.6 * (torch.arange(10, 24, dtype=torch.float32).view(1, 1, -1, 1) - shift) / size + 0.025
    assert torch.allclose(inside, above.expand_as(inside), atol=1e-5)
    # a residual still paints on top of it
    residual[:, :3] = 0.2
    assert torch.allclose(compose(face, flow, residual, torch.zeros(1, 1, size, size))[..., 10:24, 10:22],
                          inside + 0.1, atol=1e-5)
    # a faint mask paints nothing
    residual[:, :3] = 0
    residual[:, 3:, 10:24, 8:24] = 0.1
    assert torch.equal(compose(face, flow, residual, torch.ones(1, 1, size, size)), face)


def test_lid_losses_teach_the_paint_mask_the_teachers_lids_and_not_its_mouth():
    from ganimation.warpgen.losses import lid_losses
    torch.manual_seed(0)
    face = torch.rand(2, 3, 32, 32)
    t = {"flow": torch.zeros(2, 2, 8, 8), "fill": torch.rand(2, 3, 32, 32), "weight": torch.zeros(2, 1, 32, 32)}
    t["weight"][..., 9:13, 6:26] = 1  # lids
    t["weight"][..., 22:26, 10:22] = 1  # an opened mouth: not the lift head's
    lids = t["weight"].clone()
    lids[..., 16:, :] = 0
    lids[..., 8, 6:26] = 1  # taught a row higher than the teacher lays them (LID_RAISE of 32 rows)
    source = torch.zeros(2, 2, 8, 8)
    source[:, 1] = -0.08
    flow = torch.cat([torch.zeros(2, 2, 8, 8), source], 1)
    a = torch.ones(2, 1, 32, 32)

    def terms(paint, own_paint=None):
        res = torch.cat([torch.zeros(2, 3, 32, 32), paint], 1)
        own = None if own_paint is None else (flow, torch.cat([torch.zeros(2, 3, 32, 32), own_paint], 1), a)
        return lid_losses(face, (flow, res, a), t, own)
    right = terms(lids)
    assert right["where"] < 1e-6 and right["stray"] == 0
    both = terms(t["weight"].clone())  # painting the mouth too is wrong
    assert both["where"] > 1 and both["stray"] > 0.03
    assert terms(torch.zeros(2, 1, 32, 32))["where"] > 1
    # the lids' colour is taught: the photo under an attention of 1 is not the teacher's lid
    assert terms(torch.zeros(2, 1, 32, 32))["fill"] > 0.1
    # the source flow is taught where the teacher takes the lids' skin from: in each column, from just above
    # the lid's top (rows 8-12 here: 0 to 4 rows up, plus SKIN_ABOVE_LID of the side)
    from ganimation.warpgen.losses import SKIN_ABOVE_LID, lid_sources, lids_of
    assert torch.equal(lids_of(t["weight"]), lids)
    up = lid_sources(lids)
    assert torch.allclose(up[0, 0, 8:13, 10], -(torch.arange(5.0) / 32 + SKIN_ABOVE_LID))
    assert up[..., :8, :].abs().max() == 0 and up[..., 13:, :].abs().max() == 0
    # the start's 0.08 of the side is 2.6 px up for every pixel, against 0.8-4.8 px: off by about half a
    # pixel on average over both components; no source flow at all is off by more
    assert 0.4 < right["source"] < 0.7
    flow[:, 2:] = 0
    assert terms(lids)["source"] > right["source"] + 0.4
    flow[:, 3] = -0.08
    # at the face's own AUs nothing is laid in
    assert terms(lids, torch.zeros(2, 1, 32, 32))["where"] < 1e-6
    assert terms(lids, lids)["where"] > 1
    # a lift network's outputs are not taught the warp's terms
    with pytest.raises(ValueError, match="lid_losses"):
        generator_losses(face, torch.zeros(2, 17), (flow, torch.cat([torch.zeros(2, 3, 32, 32), lids], 1), a), t)


def test_losses_are_zero_when_the_network_does_what_the_teacher_does():
    torch.manual_seed(0)
    face = torch.rand(2, 3, 32, 32)
    t = {"flow": (torch.rand(2, 2, 8, 8) - 0.5) * 0.05, "fill": torch.rand(2, 3, 32, 32),
         "weight": torch.zeros(2, 1, 32, 32)}
    out = (t["flow"], torch.zeros(2, 3, 32, 32), torch.zeros(2, 1, 32, 32))
    terms = generator_losses(face, torch.zeros(2, 17), out, t)
    assert terms["composite"] < 1e-6 and terms["flow"] < 1e-6 and terms["paint"] == 0 and terms["fill"] < 1e-6
    wrong = generator_losses(face, torch.zeros(2, 17), (torch.zeros_like(t["flow"]),) + out[1:], t)
    assert total(wrong) > total(terms)
    # where the teacher lays in new pixels, a network that keeps the photo there is told so even through an
    # attention of 1 (the colour C is taught directly)
    t["weight"][:, :, 8:16, 8:16] = 1
    keeps = (t["flow"], torch.zeros(2, 3, 32, 32), torch.ones(2, 1, 32, 32))
    assert generator_losses(face, torch.zeros(2, 17), keeps, t)["fill"] > 0.1


def test_a_fill_margin_makes_a_dark_blur_round_the_mouth_cost_what_the_mouth_earns():
    face = torch.full((1, 3, 32, 32), 0.6)
    t = {"flow": torch.zeros(1, 2, 8, 8), "fill": torch.full((1, 3, 32, 32), 0.1),
         "weight": torch.zeros(1, 1, 32, 32)}
    t["weight"][..., 14:18, 12:20] = 1  # the mouth opens here: dark
    exact = torch.zeros(1, 3, 32, 32)
    exact[..., 14:18, 12:20] = -1.0  # C = 0.6 - 0.5: the dark, only there
    blur = torch.zeros(1, 3, 32, 32)
    blur[..., 10:24, 8:24] = -1.0  # the same dark over the lips and chin round it too
    a = torch.zeros(1, 1, 32, 32)

    def fill_term(residual, margin):
        return float(generator_losses(face, torch.zeros(1, 17), (t["flow"], residual, a), t, fill_margin=margin)["fill"])
    assert fill_term(exact, 0.0) < 1e-6 and fill_term(exact, 0.125) < 1e-6
    assert fill_term(blur, 0.0) < 1e-6  # over the fill alone the blur is as good as the mouth
    assert fill_term(blur, 0.125) > 0.5  # over the fill and round it, it is wrong on most of that area


def test_flow_emphasis_weighs_errors_where_the_teacher_moves_the_face():
    face = torch.rand(1, 3, 32, 32)
    t = {"flow": torch.zeros(1, 2, 8, 8), "fill": face.clone(), "weight": torch.zeros(1, 1, 32, 32)}
    t["flow"][0, 1, 2, 3] = 2 / 32  # the teacher moves one cell by 2 pixels
    still_miss = torch.zeros(1, 2, 8, 8)
    still_miss[0, 0, 6, 6] = 1 / 32  # a 1-pixel error where the teacher moves nothing
    moved_miss = t["flow"].clone()
    moved_miss[0, 0, 2, 3] = 1 / 32  # the same error where it moves the face
    rest = (torch.zeros(1, 3, 32, 32), torch.ones(1, 1, 32, 32))

    def flow_term(flow, emphasis):
        return float(generator_losses(face, torch.zeros(1, 17), (flow,) + rest, t, flow_emphasis=emphasis)["flow"])
    plain = flow_term(t["flow"] + still_miss, 0.0)
    assert flow_term(moved_miss, 0.0) == pytest.approx(plain)
    assert flow_term(t["flow"] + still_miss, 0.5) == pytest.approx(plain)  # still skin weighs as before
    assert flow_term(moved_miss, 0.5) == pytest.approx(2 * plain, rel=1e-4)  # 1 + 0.5 x 2 pixels


def test_bank_training_stops_continues_and_exports(tmp_path):
    from ganimation.warpgen.data import LandmarkedFaces
    from ganimation.warpgen.export import load_run
    from ganimation.warpgen.targets import Teacher, build_bank
    from ganimation.warpgen.train import main as train_main

    pts, _ = mean_face(24)
    rng = np.random.default_rng(0)
    images = (rng.random((24, 128, 128, 3)) * 255).astype(np.uint8)
    faces = LandmarkedFaces([f"f{i}.png" for i in range(24)], [f"f{i}.png" for i in range(24)], images,
                            pts.astype(np.float32))
    for img, p in zip(images, pts):  # give the open mouths a dark inside to learn from
        img[int(p[62, 1]):int(p[66, 1]) + 1, int(p[60, 0]):int(p[64, 0]) + 1] = 20
    Teacher.fit(faces).save(tmp_path / "teacher.json")
    n = build_bank(faces.subset(np.arange(4)), tmp_path / "teacher.json", tmp_path / "bank", per_face=2, workers=1)
    assert n == 8
    assert np.load(tmp_path / "bank" / "flow.npy").shape == (8, 2, 32, 32)

    args = ["--bank", str(tmp_path / "bank"), "--run", str(tmp_path / "run"), "--width", "8", "--batch", "2",
            "--total-steps", "10", "--log-every", "1", "--fill-margin", "0.06", "--flow-emphasis", "0.5", "--soft-paint"]
    assert train_main(args + ["--steps", "2"]) == 0
    first = json.loads((tmp_path / "run" / "state.json").read_text())
    assert first["step"] == 2
    for f in ("generator.pt", "optimizer.pt"):
        assert (tmp_path / "run" / f).stat().st_size < 16 * 2 ** 20
    assert train_main(args + ["--steps", "1", "--export", str(tmp_path / "model")]) == 0
    g, state = load_run(tmp_path / "run")
    assert state["step"] == 3
    meta = json.loads((tmp_path / "model" / "model.json").read_text())
    # a run asked to soften the photo where its residual paints says so to model-core
    assert state["softPaint"] is True and meta["architecture"]["name"] == "warp-soft-paint-generator"
    assert state["flowEmphasis"] == 0.5 and state["fillMargin"] == 0.06
    assert meta["architecture"]["flowSize"] == 32
    assert meta["architecture"]["parameters"] == sum(p.numel() for p in g.parameters())
    scripted = torch.jit.load(str(tmp_path / "model" / "generator.pt"))
    x, c = torch.rand(1, 3, 128, 128) * 2 - 1, torch.rand(1, 17)
    for a, b in zip(scripted(x, c), g.eval()(x, c)):
        assert torch.allclose(a, b, atol=1e-5)
    # a new run started from this one's weights begins where it stopped, at its own step 0
    fresh = ["--bank", str(tmp_path / "bank"), "--run", str(tmp_path / "run2")] + args[4:-5]
    assert train_main(fresh + ["--steps", "0", "--init", str(tmp_path / "run")]) == 0
    g2, state2 = load_run(tmp_path / "run2")
    assert state2["step"] == 0 and state2["init"] == str(tmp_path / "run") and state2["softPaint"] is False
    assert state2["flowEmphasis"] == 0 and state2["fillMargin"] == 0
    # a run keeps the composition and the losses it started with, whatever later calls ask
    assert train_main(fresh + ["--steps", "1", "--soft-paint", "--flow-emphasis", "2", "--fill-margin", "0.1"]) == 0
    assert load_run(tmp_path / "run2")[1]["softPaint"] is False
    assert load_run(tmp_path / "run2")[1]["flowEmphasis"] == 0 and load_run(tmp_path / "run2")[1]["fillMargin"] == 0
    for a, b in zip(g2.state_dict().values(), g.state_dict().values()):
        assert torch.equal(a, b)

    # a lift run on the soft-paint run: its weights under a head of lift's own, lift's composition instead of
    # soft paint, kept when it continues, exported as its own design; only the head trains
    lift = ["--bank", str(tmp_path / "bank"), "--run", str(tmp_path / "lift")] + args[4:-1]
    with pytest.raises(SystemExit, match="--init"):
        train_main(lift + ["--steps", "0", "--lift"])
    assert train_main(lift + ["--steps", "0", "--init", str(tmp_path / "run"), "--lift", "--soft-paint"]) == 0
    g3, state3 = load_run(tmp_path / "lift")
    assert state3["lift"] is True and state3["softPaint"] is False and g3.lift and not g3.soft_paint
    assert torch.equal(g3.flow.weight, g.flow.weight) and torch.equal(g3.paint.bias, g.paint.bias)
    assert g3.head.out.weight.abs().max() == 0
    assert train_main(lift + ["--steps", "2", "--export", str(tmp_path / "lift-model")]) == 0
    g3, state3 = load_run(tmp_path / "lift")
    assert state3["step"] == 2 and state3["lift"] is True and state3["softPaint"] is False
    assert all(np.isfinite(v) for r in state3["recent"] for v in r.values()) and "where" in state3["recent"][-1]
    for name, w in g.state_dict().items():
        assert torch.equal(g3.state_dict()[name], w), name
    assert g3.head.out.weight.abs().max() > 0
    meta = json.loads((tmp_path / "lift-model" / "model.json").read_text())
    assert meta["architecture"]["name"] == "warp-lift-generator"
    assert meta["outputs"]["flow"]["channels"] == 4 and meta["outputs"]["colorResidual"]["channels"] == 4
    scripted = torch.jit.load(str(tmp_path / "lift-model" / "generator.pt"))
    for a, b in zip(scripted(x, c), g3.eval()(x, c)):
        assert a.shape[1] in (4, 1) and torch.allclose(a, b, atol=1e-5)
    # a plain run cannot start from a lift run's weights
    with pytest.raises(SystemExit, match="--lift"):
        train_main(["--bank", str(tmp_path / "bank"), "--run", str(tmp_path / "run3"), "--width", "8",
                    "--steps", "0", "--init", str(tmp_path / "lift")])


def test_checkpoints_keep_adams_smallest_moments(tmp_path):
    from ganimation.warpgen.train import load_checkpoint, save_checkpoint
    g = WarpResidualGenerator(width=8)
    opt = torch.optim.Adam(g.parameters())
    g(torch.rand(1, 3, 32, 32), torch.rand(1, 17))[0].sum().mul(1e-6).backward()  # tiny gradients
    opt.step()
    save_checkpoint(tmp_path, g, opt, {"step": 1})
    g2 = WarpResidualGenerator(width=8)
    opt2 = torch.optim.Adam(g2.parameters())
    load_checkpoint(tmp_path, g2, opt2, "cpu")
    for k, s in opt.state_dict()["state"].items():
        v, v2 = s["exp_avg_sq"], opt2.state_dict()["state"][k]["exp_avg_sq"]
        assert torch.equal(v > 0, v2 > 0)  # nothing underflows to 0 (it would blow the next step up)
        assert torch.allclose(v2, v, rtol=0.02, atol=0)
    # without optimizer.pt the weights still load and Adam starts afresh
    (tmp_path / "optimizer.pt").unlink()
    assert load_checkpoint(tmp_path, WarpResidualGenerator(width=8), torch.optim.Adam(g2.parameters()), "cpu")["step"] == 1


def test_preset_targets_leave_what_the_preset_keeps_as_the_face_shows_it():
    from ganimation.warpgen.targets import preset_vectors, sample_target
    vectors = preset_vectors(CODES)
    values, keep = vectors["happiness"]
    assert values[CODES.index("AU12")] == 1.0 and keep[CODES.index("AU17")] and not keep[CODES.index("AU04")]
    assert not vectors["neutral"][1].any() and not vectors["surprise"][1].any()
    own = np.full(len(CODES), 0.3, np.float32)
    rng = np.random.default_rng(0)
    targets = np.stack([sample_target(own, [vectors["happiness"]], rng) for _ in range(200)])
    # the preset's draws: a frown's brow and lip corners go toward 0 together, the smile toward 1
    drawn = targets[(targets[:, CODES.index("AU04")] < 0.3) & (targets[:, CODES.index("AU15")] < 0.3)]
    assert len(drawn) > 50
    assert (drawn[:, CODES.index("AU12")] > 0.3).all()
    for code in ("AU17", "AU26", "AU07"):
        assert (drawn[:, CODES.index(code)] == own[0]).all()
