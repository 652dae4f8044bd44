"""Tiny training runs on synthetic crops of the public-domain sample face: mechanics, not quality."""
import json
import warnings

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from ganimation.data import load_crops, read_au_csv
from ganimation.estimator.cli import main as estimator_main
from ganimation.estimator.train import train as train_estimator
from ganimation.evaluation import evaluate
from ganimation.evaluation.metrics import pearson
from ganimation.fixtures.tiny import TINY_CONFIG, synthetic_crops
from ganimation.model_dir import export_estimator, load_eager_generator, load_estimator
from ganimation.paper import train
from ganimation.paper.losses import au_regression_loss, total_variation
from ganimation.paper.options import TrainConfig
from ganimation.paper.trainer import Trainer


@pytest.fixture(scope="module")
def crops(tmp_path_factory):
    return synthetic_crops(tmp_path_factory.mktemp("crops"))


@pytest.fixture(scope="module")
def data(crops):
    return load_crops(crops, crops / "labels.csv")


def tiny_trainer(data, **overrides):
    return Trainer(TrainConfig(**{**TINY_CONFIG, **overrides}), data)


def test_every_loss_is_finite_and_the_generator_steps(data):
    t = tiny_trainer(data)
    steps = [t.step() for _ in range(4)]
    generator_steps = [s for s in steps if "g_total" in s]
    assert len(generator_steps) == 2  # critic_steps = 2
    for s in steps:
        assert all(np.isfinite(v) for v in s.values()), s
    for key in ("d_real", "d_fake", "d_cond", "d_gp", "g_adv", "g_cond", "g_cyc", "g_mask", "g_smooth",
                "mask_mean", "rec_mask_mean"):
        assert key in steps[1] or key in steps[0]
    assert 0 < generator_steps[0]["mask_mean"] < 1


def test_resuming_a_checkpoint_gives_the_same_next_losses(data, tmp_path):
    a = tiny_trainer(data)
    for _ in range(3):
        a.step()
    a.save(tmp_path / "ckpt")
    expected = [a.step() for _ in range(3)]
    b = tiny_trainer(data, seed=TINY_CONFIG.get("seed", 0))
    b.load(tmp_path / "ckpt")
    assert b.iteration == 3
    got = [b.step() for _ in range(3)]
    for e, g in zip(expected, got):
        assert e.keys() == g.keys()
        for k in e:
            assert g[k] == pytest.approx(e[k], rel=1e-5, abs=1e-7), k


def test_critic_warm_up_fits_the_au_labels_and_is_resumed(data, tmp_path):
    t = tiny_trainer(data, critic_au_warmup=30, lr_d=1e-3)
    before = au_regression_loss(t.D(t._next_batch(0)[0])[1], t._next_batch(0)[1], 1.0).item()
    t.train(iterations=0, checkpoint_dir=tmp_path / "ckpt", echo=lambda s: None)
    assert t.warmup_done == 30 and t.iteration == 0
    after = au_regression_loss(t.D(t._next_batch(0)[0])[1], t._next_batch(0)[1], 1.0).item()
    assert after < before * 0.5, (before, after)
    resumed = tiny_trainer(data, critic_au_warmup=30)
    resumed.load(tmp_path / "ckpt")
    assert resumed.warmup_done == 30  # a resumed run does not warm up again


def test_au_loss_is_scaled_like_the_official_code():
    torch.manual_seed(0)
    pred, target = torch.rand(4, 17), torch.rand(4, 17)
    assert au_regression_loss(pred, target, 4000.0).item() == pytest.approx(
        F.mse_loss(pred, target).item() / 4 * 4000.0, rel=1e-6)


def test_total_variation_is_the_unnormalised_neighbour_sum():
    m = torch.zeros(1, 1, 3, 3)
    m[0, 0, 1, 1] = 1
    assert total_variation(m).item() == 4


def test_learning_rate_is_flat_then_decays_linearly_to_zero(data):
    t = tiny_trainer(data, epochs=10, decay_epochs=5)
    n = t.total_iterations
    assert t.lr_factor(0) == 1 and t.lr_factor(n // 2) == 1
    assert t.lr_factor(n - t.decay_iterations // 2) == pytest.approx(0.5, abs=0.15)
    assert t.lr_factor(n) == 0


def test_a_saturating_attention_mask_is_warned_about(data, tmp_path):
    t = tiny_trainer(data, log_every=1)
    t.log_file = tmp_path / "log.jsonl"
    t.iteration = 1
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        t._record({"mask_mean": 0.01, "g_total": 1.0}, echo=lambda s: None)
    assert any("saturating" in str(w.message) for w in caught)
    assert "warning" in json.loads(t.log_file.read_text().splitlines()[-1])


def test_a_non_finite_loss_stops_training(data):
    t = tiny_trainer(data)
    with pytest.raises(FloatingPointError, match="d_gp"):
        t._record({"d_gp": float("nan")}, echo=lambda s: None)


def test_train_command_resumes_logs_and_exports(crops, tmp_path):
    run = tmp_path / "run"
    args = ["--run", str(run), "--crops", str(crops), "--labels", str(crops / "labels.csv"), "--val-fraction", "0",
            "--iterations", "2", "--threads", "1"] + sum((["--set", f"{k}={v}"] for k, v in TINY_CONFIG.items()), [])
    assert train.main(args) == 0
    assert train.main(args + ["--export-to", str(tmp_path / "model")]) == 0
    state = torch.load(run / "checkpoint" / "state.pt")
    assert state["iteration"] == 4
    lines = [json.loads(l) for l in (run / "log.jsonl").read_text().splitlines()]
    assert [l["iteration"] for l in lines] == [1, 2, 3, 4]
    assert all("images_per_second" in l for l in lines)
    meta = json.loads((tmp_path / "model" / "model.json").read_text())
    assert meta["provenance"]["criticIterations"] == 4 and meta["architecture"]["convDim"] == 8
    g = load_eager_generator(tmp_path / "model")
    saved = torch.load(run / "checkpoint" / "generator.pt")
    assert all(torch.equal(saved[k], v) for k, v in g.state_dict().items())


def test_unknown_training_setting_is_refused(crops, tmp_path):
    with pytest.raises(SystemExit, match="unknown training settings: lambda_nonsense"):
        train.main(["--run", str(tmp_path / "r"), "--crops", str(crops), "--labels", str(crops / "labels.csv"),
                    "--set", "lambda_nonsense=1"])


def test_estimator_trains_exports_and_labels_in_openface_columns(crops, data, tmp_path):
    net, stats = train_estimator(data, data, epochs=1, batch=8, log=lambda s: None)
    assert all(np.isfinite(h["trainLoss"]) for h in stats["history"])
    export_estimator(net, tmp_path / "est")
    scripted, meta = load_estimator(tmp_path / "est")
    assert meta["kind"] == "au-estimator" and meta["files"]["estimator"]["path"] == "estimator.pt"
    x = torch.rand(3, 3, 128, 128) * 2 - 1
    with torch.no_grad():
        assert torch.allclose(scripted(x), net(x), atol=1e-6)
        assert ((scripted(x) >= 0) & (scripted(x) <= 1)).all()
    assert estimator_main(["label", "--model", str(tmp_path / "est"), "--crops", str(crops), "--out",
                     str(tmp_path / "pseudo.csv"), "--threads", "1"]) == 0
    labels = read_au_csv(tmp_path / "pseudo.csv")
    assert len(labels) == 16
    assert (tmp_path / "pseudo.csv").read_text().startswith("file,AU01_r,AU02_r")
    assert all(((v >= 0) & (v <= 5)).all() for v in labels.values())


def test_pearson_matches_numpy():
    rng = np.random.default_rng(1)
    a, b = rng.normal(size=(50, 3)), rng.normal(size=(50, 3))
    b[:, 0] = a[:, 0] * 2 + 1
    r = pearson(a, b)
    assert r[0] == pytest.approx(1.0)
    assert r[1] == pytest.approx(np.corrcoef(a[:, 1], b[:, 1])[0, 1])


def test_evaluation_writes_report_and_sheets(tmp_path):
    from ganimation.fixtures import tiny
    tiny.run(tmp_path / "tiny")
    out = tmp_path / "eval"
    assert evaluate.main(["--model", str(tmp_path / "tiny/generator"), "--estimator", str(tmp_path / "tiny/estimator"),
                          "--crops", str(tmp_path / "tiny/crops"), "--labels", str(tmp_path / "tiny/crops/labels.csv"),
                          "--faces", "6", "--sheet-faces", "2", "--out", str(out)]) == 0
    report = json.loads((out / "report.json").read_text())
    assert report["faces"] == 6 and report["renders"] == 12
    assert set(report["auResponsiveness"]["perAu"]) == set(evaluate.au_codes())
    assert report["nonFiniteValues"] == 0
    assert 0 <= report["attention"]["mean"] <= 1 and 0 <= report["attention"]["fractionBelowHalf"] <= 1
    assert 0 <= report["reconstruction"]["l1"] <= 1 and 0 <= report["reconstruction"]["cycleL1"] <= 1
    from PIL import Image
    with Image.open(out / "sheet.png") as sheet:
        assert sheet.height == 18 + 17 * 128  # a header row and one strip per AU
    with Image.open(out / "masks.png") as masks:
        assert masks.width == 4 * 128


def test_distillation_fits_the_teacher_and_exports_a_preview_generator(crops, tmp_path):
    from ganimation.paper import distill
    from ganimation.model_dir import export_generator
    from ganimation.paper.networks import Generator
    torch.manual_seed(0)
    export_generator(Generator(conv_dim=8, repeat_num=1).eval(), tmp_path / "teacher", image_size=128)
    out = tmp_path / "teacher" / "preview"
    args = ["--teacher", str(tmp_path / "teacher"), "--crops", str(crops), "--labels", str(crops / "labels.csv"),
            "--out", str(out), "--work", str(tmp_path / "work"), "--conv-dim", "4", "--repeat-num", "1",
            "--pairs", "8", "--held-out-pairs", "4", "--val-fraction", "0.3", "--batch", "4",
            "--lr", "3e-3", "--log-every", "2", "--eval-every", "24", "--threads", "1"]
    assert distill.main(args + ["--epochs", "6"]) == 0
    assert json.loads((out / distill.REPORT).read_text())["steps"] == 12
    # the same command with a longer schedule resumes from the student's checkpoint
    assert distill.main(args + ["--epochs", "12"]) == 0
    report = json.loads((out / distill.REPORT).read_text())
    losses = [h["composite"] + h["attention"] + h["colour"] for h in report["history"]]
    assert report["steps"] == 24 and len(losses) == 12 and all(np.isfinite(losses))
    assert losses[-1] < 0.7 * losses[0], losses
    held = report["heldOut"]
    assert held["pairs"] == 4 and 0 <= held["compositeL1"] < 1 and held["teacherEditL1"] > 0
    meta = json.loads((out / "model.json").read_text())
    assert meta["architecture"]["convDim"] == 4 and meta["provenance"]["source"] == "ganimation.paper.distill"
    teacher_sha = json.loads((tmp_path / "teacher" / "model.json").read_text())["files"]["generator"]["sha256"]
    assert meta["provenance"]["distilledFrom"] == teacher_sha
    student = load_eager_generator(out)
    assert sum(p.numel() for p in student.parameters()) == meta["architecture"]["parameters"]
    # the teacher's outputs are kept in the work folder, so a rerun skips the teacher
    assert len(list((tmp_path / "work").glob("teacher-*.pt"))) == 1
