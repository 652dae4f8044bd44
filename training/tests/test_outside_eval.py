"""The outside-reader evaluation: held-out face selection, the command line it runs, the report, and
(when Node, the installed judge, ../shared and the built command line are all here) a real run."""
import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from ganimation.data import held_out
from ganimation.evaluation import outside_eval as oe
from ganimation.evaluation.outside_report import render_report

REPO = Path(__file__).resolve().parents[2]
CELEBA = REPO.parent / "shared/data/celeba-au"
JUDGE_SOURCE = REPO.parent / "shared/tools/judge"
JUDGE = REPO / "build/judge"
JAR = REPO / "studio-app/target/ganimation-studio.jar"


def _photos(folder: Path, count: int):
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        Image.new("RGB", (128, 128), (i % 256, 90, 60)).save(folder / f"{i + 1:06d}.jpg")


def test_held_out_photos_are_the_training_split(tmp_path):
    _photos(tmp_path, 200)
    (tmp_path / "notes.txt").write_text("not a photo")
    held = oe.held_out_photos(tmp_path, 0.1)
    assert held == sorted(p for p in tmp_path.glob("*.jpg") if held_out(p.name, 0.1))
    assert 5 < len(held) < 40  # about a tenth
    # the split is by source photo: a crop named after its photo lands on the same side
    assert all(held_out(p.stem + ".png", 0.1) for p in held)


def test_choice_is_fixed_by_the_seed_and_never_repeats(tmp_path):
    photos = [tmp_path / f"{i:06d}.jpg" for i in range(50)]
    a = oe.choose(photos, 10, seed=0)
    assert a == oe.choose(photos, 10, seed=0)
    assert a != oe.choose(photos, 10, seed=1)
    assert len(set(a)) == 10 and a == sorted(a)
    assert oe.choose(photos, 80, seed=0) == sorted(photos)


def test_faces_are_written_at_the_restored_aspect_into_an_emptied_folder(tmp_path):
    _photos(tmp_path / "in", 3)
    out = tmp_path / "faces"
    out.mkdir()
    (out / "stale.png").write_bytes(b"old")
    stems = oe.write_faces(sorted((tmp_path / "in").glob("*.jpg")), out, oe.CELEBA_SIZE)
    assert stems == ["000001", "000002", "000003"]
    assert sorted(p.name for p in out.iterdir()) == ["000001.png", "000002.png", "000003.png"]
    with Image.open(out / "000002.png") as im:
        assert im.size == (356, 436) and im.mode == "RGB"


def test_extra_arguments_reach_the_command_line_unchanged():
    own, extra = oe.split_passthrough(["--faces", "3", "--", "--no-color-guard", "--face", "1", "--"])
    assert own == ["--faces", "3"]
    assert extra == ["--no-color-guard", "--face", "1", "--"]
    cmd = oe.batch_command("./ganimation", "F", "O/anger", "anger", 1.0, "M", extra)
    assert cmd == ["./ganimation", "batch", "-i", "F", "-o", "O/anger", "--preset", "anger", "--intensity", "1",
                   "--model", "M", "--no-color-guard", "--face", "1", "--"]
    a = oe.parse_args(["--faces", "5", "--presets", "happiness, anger", "--", "--no-color-guard"])
    assert (a.faces, a.presets, a.extra) == (5, ["happiness", "anger"], ["--no-color-guard"])


def test_batch_failures_are_read_from_its_summary():
    stdout = ("3 photo(s) in faces, 0 already done in out\n"
              "done 1, skipped 0 (already done), failed 2\n"
              "  failed: 000004.png: no face found in 000004.png\n"
              "  failed: 000009.png: the photo could not be read: it is damaged\n")
    assert oe.parse_failures(stdout) == {"000004.png": "no face found in 000004.png",
                                         "000009.png": "the photo could not be read: it is damaged"}


def test_pairs_with_a_comma_in_a_path_are_refused(tmp_path):
    with pytest.raises(oe.OutsideEvalError):
        oe.write_pairs_csv(tmp_path / "p.csv", [("anger", "/a,b/x.png", "/y.png")])
    oe.write_pairs_csv(tmp_path / "p.csv", [("anger", "/a/x.png", "/b/x.png")])
    assert (tmp_path / "p.csv").read_text().splitlines() == ["group,original,edited", "anger,/a/x.png,/b/x.png"]


def _judged_pair(tmp_path, preset, stem, box, tint):
    before = np.full((40, 30, 3), 128, np.uint8)
    after = before.copy()
    after[10:20, 5:15] = tint
    o, e = tmp_path / f"{stem}.png", tmp_path / f"{stem}-{preset}.png"
    Image.fromarray(before).save(o)
    Image.fromarray(after).save(e)
    return {"group": preset, "original": str(o), "edited": str(e), "originalFace": {"box": box}}


def test_preset_figures_measure_colour_in_the_judges_box(tmp_path):
    pairs = [_judged_pair(tmp_path, "anger", "a", [5, 10, 10, 10], (150, 110, 170)),   # all magenta in box
             _judged_pair(tmp_path, "anger", "b", [0, 0, 30, 40], (150, 140, 90)),      # 1/12 yellow
             dict(_judged_pair(tmp_path, "anger", "c", [0, 0, 1, 1], (0, 0, 0)), originalFace=None)]
    judged = {"pairs": pairs, "groups": {"anger": {
        "target": "angry", "bothFacesFound": 2, "noFaceInOriginal": 1, "noFaceInEdited": 0,
        "fractionTopIsTargetOriginal": 0.0, "fractionTopIsTargetEdited": 0.5, "meanTargetOriginal": 0.1,
        "meanTargetEdited": 0.3, "fractionTargetRose": 1.0,
        "identityCosine": {"n": 2, "mean": 0.9, "min": 0.85, "median": 0.9, "p05": 0.85}}}}
    rendering = oe.Rendering("anger", [], outputs={"a": Path("a"), "b": Path("b"), "c": Path("c")},
                             no_face=["d"], failed={"e": "damaged"})
    r = oe.preset_figures("anger", rendering, judged, photos=5)
    assert r["rendered"] == 3 and r["projectNoFace"] == ["d"] and r["projectFailed"] == {"e": "damaged"}
    assert r["colour"]["faces"] == 2
    assert r["colour"]["chromaShifted"] == pytest.approx((1.0 + 100 / 1200) / 2, abs=1e-4)
    assert r["colour"]["magentaBlue"] == pytest.approx(0.5)
    assert r["colour"]["magentaBlueWorst"] == 1.0
    assert r["identity"]["min"] == 0.85 and r["expression"]["top1After"] == 0.5


def _results(label, photos, anger_identity, extra=()):
    row = {"preset": "anger", "target": "angry", "photos": len(photos), "rendered": len(photos) - 1,
           "projectNoFace": [photos[-1]], "projectFailed": {}, "judgeNoFaceOriginal": 0, "judgeNoFaceEdited": 1,
           "judged": len(photos) - 2, "identity": {"mean": anger_identity, "min": anger_identity - 0.1},
           "expression": {"top1Before": 0.1, "top1After": 0.45, "meanProbBefore": 0.12, "meanProbAfter": 0.4,
                          "rose": 0.8},
           "colour": {"faces": 2, "chromaShifted": 0.123, "magentaBlue": 0.0456}}
    return {"label": label, "date": "2026-12-01T05:00:00+00:00", "model": "assets/models/default",
            "modelDescription": "a generator", "command": "./ganimation batch -i FACES ...", "extraArgs": list(extra),
            "faceSelection": {"data": "../shared/data/celeba-au", "heldOutFraction": 0.1, "heldOutPhotos": 180,
                              "faces": len(photos), "seed": 0, "size": [356, 436]},
            "sets": {"celeba": {"description": f"{len(photos)} held-out CelebA frames", "photos": photos,
                                "presets": {"anger": row}}}}


def test_report_has_one_row_per_preset_with_every_figure():
    text = render_report(_results("default", ["000010", "000020", "000030"], 0.912))
    row = next(line for line in text.splitlines() if line.startswith("| anger"))
    assert row == "| anger (angry) | 0.912 / 0.812 | 10 % → 45 % | 0.120 → 0.400 | 80 % | 12.3 % | 4.6 % | 1 · 0 · 1 |"
    assert "assets/models/default" in text and "3 of the 180 held-out frames" in text
    assert "./ganimation batch -i FACES" in text and "2026-12-01" in text
    assert "No face found by the command line in: 000030." in text
    assert "never a loss" in text


def test_comparison_puts_two_labelled_runs_side_by_side():
    a = _results("old", ["000010", "000020", "000030"], 0.912)
    b = _results("new", ["000010", "000020", "000030"], 0.954, extra=["--no-color-guard"])
    text = render_report(a, b)
    assert "A = old (model `assets/models/default`, no extra arguments" in text
    assert "B = new (model `assets/models/default`, --no-color-guard" in text
    side = [line for line in text.splitlines() if line.startswith("| anger")][-1]
    assert side.startswith("| anger | 0.912 · 0.954 | 0.812 · 0.854 | 45 % · 45 %")
    assert "different photos" not in text
    c = _results("other faces", ["000011", "000020", "000030"], 0.9)
    assert "The two runs used different photos" in render_report(a, c)


def _real_run_prerequisites():
    if shutil.which("node") is None:
        pytest.skip("Node.js is not installed: the outside readers need Node 20")
    if not JUDGE_SOURCE.is_dir():
        pytest.skip(f"{JUDGE_SOURCE} is absent (../shared/tools/judge)")
    if not (JUDGE / "node_modules").is_dir():
        pytest.skip(f"the judge is not installed in {JUDGE}: run python3 -m ganimation.evaluation.outside_eval once")
    if not (CELEBA / "images").is_dir():
        pytest.skip(f"{CELEBA} is absent (../shared/data)")
    if not JAR.is_file():
        pytest.skip(f"the command line is not built ({JAR}): ./mvnw -DskipTests package")


def test_a_real_run_renders_judges_and_reports(tmp_path):
    _real_run_prerequisites()
    out = tmp_path / "out"
    args = ["--model", str(REPO / "assets/models/fixture"), "--faces", "2", "--presets", "happiness",
            "--work", str(tmp_path / "work"), "--out", str(out), "--label", "fixture", "--", "--face", "1"]
    assert oe.main(args) == 0
    results = json.loads((out / "results.json").read_text())
    assert results["command"].endswith("--model assets/models/fixture --face 1")
    assert set(results["sets"]) == {"celeba", "sample"}
    celeba = results["sets"]["celeba"]
    assert len(celeba["photos"]) == 2 and all(held_out(p, 0.1) for p in celeba["photos"])
    for r in celeba["presets"].values():
        # every photo is accounted for: edited, no face, or failed with a reason
        assert r["rendered"] + len(r["projectNoFace"]) + len(r["projectFailed"]) == 2
        assert r["judged"] + r["judgeNoFaceOriginal"] + r["judgeNoFaceEdited"] >= r["rendered"]
        if r["identity"]["mean"] is not None:
            assert -1.0 <= r["identity"]["mean"] <= 1.0
        assert r["colour"]["faces"] == r["rendered"] - r["judgeNoFaceOriginal"]
    sample = results["sets"]["sample"]["presets"]["happiness"]
    assert sample["rendered"] == 1 and sample["judgeNoFaceOriginal"] == 0
    assert 0.0 <= sample["colour"]["chromaShifted"] <= 1.0
    report = (out / "report.md").read_text()
    assert set(celeba["presets"]) == {"happiness"} and "| happiness (happy) |" in report
    # the same results compared with themselves, without running anything again
    assert oe.main(["--report-only", str(out / "results.json"), "--compare", str(out / "results.json")]) == 0
    assert "## Side by side" in (out / "report.md").read_text()
