"""The colour figures of the outside evaluation: sRGB -> CIELAB and the shares of shifted pixels."""
import numpy as np
import pytest

from ganimation.evaluation.colour_shift import box_region, colour_shift, srgb_to_lab


@pytest.mark.parametrize("rgb, lab", [
    ((255, 255, 255), (100.0, 0.0, 0.0)),
    ((0, 0, 0), (0.0, 0.0, 0.0)),
    ((128, 128, 128), (53.585, 0.0, 0.0)),
    ((255, 0, 0), (53.241, 80.092, 67.203)),
    ((0, 255, 0), (87.735, -86.183, 83.179)),
    ((0, 0, 255), (32.297, 79.188, -107.860)),
])
def test_lab_of_known_colours(rgb, lab):
    # published sRGB (D65) -> CIELAB values
    assert srgb_to_lab(np.array([[rgb]], dtype=np.uint8))[0, 0] == pytest.approx(lab, abs=0.02)


def test_lab_keeps_the_image_shape():
    img = np.random.default_rng(0).integers(0, 256, (4, 5, 3), dtype=np.uint8)
    lab = srgb_to_lab(img)
    assert lab.shape == (4, 5, 3)
    assert lab[2, 3] == pytest.approx(srgb_to_lab(img[2:3, 3:4])[0, 0])


def _grey(h=20, w=10):
    return np.full((h, w, 3), 128, dtype=np.uint8)


def test_an_unchanged_image_has_no_shift():
    img = np.random.default_rng(1).integers(0, 256, (12, 9, 3), dtype=np.uint8)
    assert colour_shift(img, img.copy()) == {"pixels": 108, "chromaShifted": 0.0, "magentaBlue": 0.0}


def test_a_magenta_patch_counts_inside_the_box_only():
    before = _grey()
    after = before.copy()
    after[3:9, 2:7] = (150, 110, 170)  # purple: a* up, b* down
    da, db = (srgb_to_lab(np.array([[[150, 110, 170]]], np.uint8)) - srgb_to_lab(before[:1, :1]))[0, 0, 1:]
    assert da > 5 and db < -5
    inside = colour_shift(before, after, box=(2, 3, 5, 6))
    assert inside == {"pixels": 30, "chromaShifted": 1.0, "magentaBlue": 1.0}
    whole = colour_shift(before, after)
    assert whole["pixels"] == 200
    assert whole["chromaShifted"] == pytest.approx(30 / 200)
    assert whole["magentaBlue"] == pytest.approx(30 / 200)
    elsewhere = colour_shift(before, after, box=(0, 12, 10, 8))
    assert elsewhere["chromaShifted"] == 0.0


def test_a_yellow_shift_is_chroma_but_not_magenta_or_blue():
    before = _grey()
    after = before.copy()
    after[:, :5] = (150, 140, 90)  # yellow-green: b* up
    r = colour_shift(before, after)
    assert r["chromaShifted"] == pytest.approx(0.5)
    assert r["magentaBlue"] == 0.0


def test_a_shift_below_the_threshold_is_not_counted():
    before = _grey()
    after = before.copy()
    after[..., 0] += 1  # one level of red: well under 5 in chroma
    assert colour_shift(before, after)["chromaShifted"] == 0.0
    assert colour_shift(before, after, threshold=0.1)["chromaShifted"] == 1.0


def test_a_lightness_change_alone_is_not_a_chroma_shift():
    before = _grey()
    after = np.full_like(before, 200)
    assert colour_shift(before, after)["chromaShifted"] == 0.0


def test_fractional_boxes_cover_every_pixel_they_touch_and_are_clipped():
    rows, cols = box_region((1.5, 2.5, 3.0, 3.0), width=10, height=20)
    assert (rows, cols) == (slice(2, 6), slice(1, 5))
    rows, cols = box_region((-4, -3, 100, 100), width=10, height=20)
    assert (rows, cols) == (slice(0, 20), slice(0, 10))
    with pytest.raises(ValueError):
        box_region((30, 0, 5, 5), width=10, height=20)


def test_images_of_different_sizes_are_refused():
    with pytest.raises(ValueError):
        colour_shift(_grey(20, 10), _grey(10, 20))
