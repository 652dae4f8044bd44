"""The estimator's landmark task and its ensembles: the mechanics on tiny synthetic crops, and the
landmark tool on the sample portrait (where Debian's dlib is installed)."""
import csv
import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
import torch

from ganimation.augment import LANDMARK_MIRROR, estimator_augment
from ganimation.data import load_crops
from ganimation.estimator import validation
from ganimation.estimator.cli import main as estimator_main
from ganimation.estimator.train import train as train_estimator
from ganimation.fixtures.tiny import synthetic_crops
from ganimation.landmarks import read_landmarks, read_landmarks_rows
from ganimation.model_dir import export_estimator, load_estimator

TOOLS = Path(__file__).resolve().parents[1] / "tools"
PREDICTOR = Path("/usr/share/dlib/shape_predictor_68_face_landmarks.dat")


@pytest.fixture(scope="module")
def crops(tmp_path_factory):
    return synthetic_crops(tmp_path_factory.mktemp("crops"), count=12)


@pytest.fixture(scope="module")
def data(crops):
    return load_crops(crops, crops / "labels.csv")


def fake_landmarks(data, seed=0):
    """A plausible 68-point layout (jittered) for each crop: the plumbing does not need real ones."""
    rng = np.random.default_rng(seed)
    base = rng.uniform(35, 95, size=(68, 2)).astype(np.float32)
    return {n: base + rng.normal(0, 1.5, size=(68, 2)).astype(np.float32) for n in data.names}


def test_landmark_mirror_swaps_left_and_right():
    assert sorted(LANDMARK_MIRROR) == list(range(68))
    assert all(LANDMARK_MIRROR[LANDMARK_MIRROR[i]] == i for i in range(68))
    # jaw ends, outer eye corners and mouth corners swap; nose bridge and lip middles stay
    assert (LANDMARK_MIRROR[0], LANDMARK_MIRROR[36], LANDMARK_MIRROR[48]) == (16, 45, 54)
    assert [LANDMARK_MIRROR[i] for i in (27, 30, 33, 51, 57, 62, 66)] == [27, 30, 33, 51, 57, 62, 66]


def test_augmented_landmarks_follow_the_image():
    # A bright dot on black; each landmark sits on it. After flip, zoom, roll and shift the dot's
    # brightest pixel must be where the moved landmarks say.
    n, size = 16, 128
    x = -torch.ones(n, 3, size, size)
    dots = torch.randint(30, 98, (n, 2))
    for i, (u, v) in enumerate(dots.tolist()):
        x[i, :, v - 1:v + 2, u - 1:u + 2] = 1.0
    points = ((dots.float() + 0.5) / (size / 2) - 1).unsqueeze(1).repeat(1, 68, 1)
    out, moved = estimator_augment(x, torch.Generator().manual_seed(5), points)
    assert torch.allclose(moved, moved[:, :1].expand_as(moved))
    for i in range(n):
        lum = out[i].mean(0)
        v, u = divmod(int(lum.argmax()), size)
        px = (moved[i, 0] + 1) * (size / 2) - 0.5
        assert abs(px[0] - u) <= 1.5 and abs(px[1] - v) <= 1.5, (i, px.tolist(), (u, v))


def test_landmark_task_trains_and_export_drops_its_head(data, tmp_path):
    table = fake_landmarks(data)
    net, stats = train_estimator(data, data, epochs=2, batch=4, landmarks=table, extra=data, log=lambda s: None)
    assert all(np.isfinite(h["trainLoss"]) and np.isfinite(h["landmarkLoss"]) for h in stats["history"])
    assert net.landmark_head is not None
    x = torch.rand(2, 3, 128, 128) * 2 - 1
    with torch.no_grad():
        before = net(x)
    export_estimator(net.without_landmarks(), tmp_path / "est")
    scripted, _ = load_estimator(tmp_path / "est")
    assert not any("landmark" in k for k in scripted.state_dict())
    with torch.no_grad():
        assert torch.allclose(scripted(x), before, atol=1e-6)


def test_ensemble_reads_the_mean_of_its_members(crops, data, tmp_path):
    members = []
    for seed in (0, 1):
        assert estimator_main(["train", "--crops", str(crops), "--labels", str(crops / "labels.csv"), "--out",
                         str(tmp_path / f"m{seed}"), "--epochs", "1", "--batch", "4", "--seed", str(seed),
                         "--val-fraction", "0.3", "--threads", "1"]) == 0
        members.append(load_estimator(tmp_path / f"m{seed}")[0])
    assert estimator_main(["ensemble", "--models", str(tmp_path / "m0"), str(tmp_path / "m1"), "--crops", str(crops),
                     "--labels", str(crops / "labels.csv"), "--out", str(tmp_path / "ens"), "--threads", "1"]) == 0
    ens, meta = load_estimator(tmp_path / "ens")
    assert meta["architecture"]["members"] == 2 and meta["provenance"]["validationFraction"] == 0.3
    x = torch.rand(3, 3, 128, 128) * 2 - 1
    with torch.no_grad():
        assert torch.allclose(ens(x), (members[0](x) + members[1](x)) / 2, atol=1e-6)
    assert (tmp_path / "ens" / "validation.json").is_file()


def test_ensemble_refuses_members_with_different_held_out_splits(crops, tmp_path):
    for name, fraction in (("a", "0.3"), ("b", "0.2")):
        estimator_main(["train", "--crops", str(crops), "--labels", str(crops / "labels.csv"), "--out", str(tmp_path / name),
                  "--epochs", "1", "--batch", "4", "--val-fraction", fraction, "--threads", "1"])
    with pytest.raises(SystemExit, match="share their held-out split"):
        estimator_main(["ensemble", "--models", str(tmp_path / "a"), str(tmp_path / "b"), "--crops", str(crops),
                  "--labels", str(crops / "labels.csv"), "--out", str(tmp_path / "ens")])
    assert not (tmp_path / "ens").exists()


@pytest.mark.skipif(shutil.which("pkg-config") is None or not PREDICTOR.is_file()
                    or subprocess.run(["pkg-config", "--exists", "dlib-1"]).returncode != 0,
                    reason="Debian's libdlib-dev and libdlib-data are not installed: no landmark tool")
def test_landmark_tool_finds_the_face_of_the_sample_portrait(crops, tmp_path):
    tool = tmp_path / "face_landmarks"
    subprocess.run(["make", "-s", "-C", str(TOOLS), f"OUT={tool}"], check=True)
    crop = sorted(crops.glob("*.png"))[0]
    out = subprocess.run([str(tool), str(PREDICTOR)], input=f"{crop}\nmissing.png\n", capture_output=True,
                         text=True, check=True)
    rows = list(csv.DictReader(out.stdout.splitlines()))
    assert len(rows) == 1 and "missing.png" in out.stderr
    table = read_landmarks_rows(rows)
    pts = table[crop.name]
    assert rows[0]["detected"] == "1"
    # The synthetic crop puts the face where the crop geometry does: landmarks inside the middle,
    # eyes above the mouth, the left eye (in the image) left of the right one.
    assert ((pts > 15) & (pts < 113)).all()
    left_eye, right_eye, mouth = pts[36:42].mean(0), pts[42:48].mean(0), pts[48:68].mean(0)
    assert left_eye[0] < right_eye[0] and max(left_eye[1], right_eye[1]) < mouth[1]
    assert 15 < right_eye[0] - left_eye[0] < 60


def test_label_check_finds_labels_that_follow_the_face():
    from ganimation.evaluation.label_check import check, normalised
    rng = np.random.default_rng(2)
    n = 200
    base = rng.uniform(30, 100, size=(68, 2))
    base[36:42] = [40, 50]
    base[42:48] = [80, 50]
    base[[62, 66]] = [60, 90]  # lips closed in the base face
    points = base + rng.normal(0, 0.5, size=(n, 68, 2))
    gap = rng.uniform(0, 10, size=n)
    points[:, 66, 1] = points[:, 62, 1] + gap  # the lower inner lip moves down by the label
    aus = rng.uniform(0, 1, size=(n, 17))
    aus[:, 14] = gap / 10  # AU25 follows the lips; every other AU is noise
    # a roll of the whole face changes nothing: the check works in the eyes' own frame
    angle = rng.uniform(-0.3, 0.3, size=n)
    rot = np.stack([np.stack([np.cos(angle), -np.sin(angle)], 1), np.stack([np.sin(angle), np.cos(angle)], 1)], 1)
    rolled = np.einsum("nij,nkj->nki", rot, points)
    assert np.allclose(normalised(rolled), normalised(points))
    report = check(rolled, aus, test=np.arange(n) % 5 == 0)
    assert report["AU25"]["innerLipGapPearson"] > 0.99 and report["AU25"]["geometryPearson"] > 0.95
    assert abs(report["AU26"]["innerLipGapPearson"]) < 0.3 and abs(report["AU01"]["geometryPearson"]) < 0.5


def test_a_landmark_file_that_is_not_one_is_refused_with_its_line(tmp_path):
    from ganimation.data import LabelError
    bad = tmp_path / "marks.csv"
    bad.write_text("file,detected,x0,y0\nface.png,1,3,4\n", encoding="utf-8")
    with pytest.raises(LabelError, match=r"marks.csv line 2: not a face_landmarks row"):
        read_landmarks(bad)


def test_folds_are_disjoint_and_cover_every_photo():
    from ganimation.data import held_out
    sources = [f"{i:06d}.jpg" for i in range(2000)]
    folds = [{s for s in sources if held_out(s, 0.2, k * 0.2)} for k in range(5)]
    assert sum(len(f) for f in folds) == len(sources) and set().union(*folds) == set(sources)
    assert all(300 < len(f) < 500 for f in folds)
    # offset 0 is the standard split
    assert {s for s in sources if held_out(s, 0.1)} == {s for s in sources if held_out(s, 0.1, 0.0)}


def test_cross_validation_reads_every_crop_once(crops, tmp_path):
    assert estimator_main(["train", "--crops", str(crops), "--labels", str(crops / "labels.csv"), "--out", str(tmp_path / "cv"),
                     "--epochs", "1", "--batch", "4", "--folds", "3", "--threads", "1"]) == 0
    report = json.loads((tmp_path / "cv" / "crossval.json").read_text())
    assert report["folds"] == 3 and report["crops"] == 12 and len(report["perFold"]) == 3
    assert set(report["pooled"]) == set(report["perFold"][0])
    offsets = [json.loads((tmp_path / "cv" / f"fold-{k}" / "model.json").read_text())["provenance"]["validationOffset"]
               for k in range(3)]
    assert offsets == pytest.approx([0, 1 / 3, 2 / 3])


def test_a_failed_export_keeps_the_trained_weights(data, tmp_path, monkeypatch):
    net, _ = train_estimator(data, data, epochs=1, batch=4, log=lambda s: None)

    def broken(*args, **kwargs):
        raise RuntimeError("cannot script")
    monkeypatch.setattr(validation, "export_estimator", broken)
    with pytest.raises(RuntimeError, match="trained weights are saved in"):
        validation.export_with_report(net, tmp_path / "est", data, train_crops=len(data), training={},
                                      image_size=128, provenance={})
    saved = torch.load(tmp_path / "est.weights.pt")
    assert all(torch.equal(saved[k], v) for k, v in net.state_dict().items())
