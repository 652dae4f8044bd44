import numpy as np
import pytest

from ganimation.action_units import au_codes
from ganimation.data import LabelError, held_out, read_au_csv, write_openface_csv


def test_reads_openface_feature_extraction_columns(tmp_path):
    # OpenFace 2 writes ", AU01_r" style headers with leading spaces, plus presence (_c) columns.
    codes = au_codes()
    header = ["frame", " face_id", " filename"] + [f" {c}_r" for c in codes] + [f" {c}_c" for c in codes]
    row = ["1", "0", "img_7.jpg"] + [str(i / 4) for i in range(17)] + ["1"] * 17
    (tmp_path / "of.csv").write_text(",".join(header) + "\n" + ",".join(row) + "\n")
    labels = read_au_csv(tmp_path / "of.csv")
    assert list(labels) == ["img_7"]
    np.testing.assert_allclose(labels["img_7"], np.arange(17) / 4)


def test_reads_plain_au_columns_and_round_trips(tmp_path):
    values = np.random.default_rng(0).uniform(0, 5, (3, 17)).round(2)
    write_openface_csv(tmp_path / "l.csv", ["a.png", "b.png", "c.png"], values)
    header = (tmp_path / "l.csv").read_text().splitlines()[0].split(",")
    assert header == ["file"] + [c + "_r" for c in au_codes()]
    labels = read_au_csv(tmp_path / "l.csv")
    np.testing.assert_allclose(np.stack([labels[k] for k in "abc"]), values, atol=1e-6)
    plain = "file," + ",".join(au_codes()) + "\nx.jpg," + ",".join(["1"] * 17) + "\n"
    (tmp_path / "p.csv").write_text(plain)
    assert read_au_csv(tmp_path / "p.csv")["x"].tolist() == [1.0] * 17


@pytest.mark.parametrize("content,message", [
    ("file,AU01\nx.jpg,1\n", "no intensity column for AU02"),
    ("name_of_thing," + ",".join(au_codes()) + "\n", "no file column"),
    ("file," + ",".join(au_codes()) + "\nx.jpg," + ",".join(["nan"] * 17) + "\n", "non-finite"),
    ("file," + ",".join(au_codes()) + "\nx.jpg,1,2\n", "line 2"),
])
def test_bad_label_files_are_refused_with_a_reason(tmp_path, content, message):
    (tmp_path / "bad.csv").write_text(content)
    with pytest.raises(LabelError, match=message):
        read_au_csv(tmp_path / "bad.csv")


def test_held_out_split_is_stable_and_sized():
    names = [f"{i:06d}.jpg" for i in range(4000)]
    first = [held_out(n, 0.1) for n in names]
    assert first == [held_out(n, 0.1) for n in names]
    assert 0.08 < sum(first) / len(first) < 0.12
    # The same photo is held out whatever its extension (crops are PNGs of JPEG sources).
    assert all(held_out(n, 0.1) == held_out(n.replace(".jpg", ".png"), 0.1) for n in names[:200])


def test_match_distribution_restores_the_spread_and_keeps_the_ranking():
    from ganimation.data import match_distribution
    rng = np.random.default_rng(0)
    reference = np.stack([rng.gamma(1.5, 0.6, 2000), rng.uniform(0, 5, 2000)], axis=1)
    shrunk = 0.3 * reference[:1000] + 1.0  # a regression's readings: squeezed towards the mean
    mapped = match_distribution(shrunk, reference)
    for j in range(2):
        assert np.array_equal(np.argsort(mapped[:, j], kind="stable"), np.argsort(shrunk[:, j], kind="stable"))
        assert abs(mapped[:, j].std() - reference[:, j].std()) < 0.1 * reference[:, j].std()
        assert abs(np.median(mapped[:, j]) - np.median(reference[:, j])) < 0.1
    with pytest.raises(ValueError):
        match_distribution(shrunk[:, :1], reference)
