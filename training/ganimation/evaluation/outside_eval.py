"""Judge a generator's edits with outside readers: models the project neither wrote nor trained.

  python3 -m ganimation.evaluation.outside_eval [--model MODEL_DIR] [--faces 60] [--out DIR]
      [--compare OTHER/results.json] [-- EXTRA CLI ARGUMENTS]

The project's own evaluation (ganimation.evaluation.evaluate) reads edits with the project's AU
estimator, the same network the generator learned against, so it cannot tell a real expression from
one that only fools that estimator. This command asks others:

- identity: the HSE FaceRes 1024-d face descriptor, cosine between the photo and its edit;
- expression: oarriaga's 7-class emotion CNN, the preset's class before and after the edit;

both through ../shared/tools/judge (Node 20, TensorFlow.js, offline once installed), plus colour
figures computed here: within the judge's face box, the share of pixels whose CIELAB chroma moved by
more than 5, and the share that moved toward magenta or blue.

These readers are for evaluation and comparison only. They must never become a training loss or a
signal to tune anything against: a model tuned to please them would be judged by its own teacher,
and the figures would mean nothing.

What it does:
1. takes N held-out CelebA frames (the source photos that training and the estimator never see: the
   same hash split as data.held_out), restored from 128x128 to their 356x436 proportions;
2. renders each with the project's command line exactly as a user runs it, once per preset:
   ./ganimation batch -i FACES -o OUT/PRESET --preset PRESET --intensity 1 --model DIR [EXTRA...]
   (everything after `--` is passed to the command line unchanged); the sample portrait
   (assets/samples/astronaut.png) is rendered the same way;
3. runs `node judge.mjs pairs` on (original, edit) pairs grouped by preset;
4. writes results.json and report.md in --out; --compare adds a side-by-side table with another
   run's results.json (another model, or the same model with other options).

The judge is copied to an ignored build folder (build/judge) and installed there with `npm ci` on
first use (about 560 MB from the npm registry); afterwards everything runs offline.
"""
import argparse
import csv
import datetime
import hashlib
import json
import shlex
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence

import numpy as np
from PIL import Image

from ..data import held_out
from ..model_dir import atomic_write
from .colour_shift import colour_shift
from .outside_report import write_report

REPO = Path(__file__).resolve().parents[3]
PRESETS = ("happiness", "sadness", "surprise", "fear", "anger", "disgust", "neutral")
JUDGE_FILES = ("judge.mjs", "report.mjs", "package.json", "package-lock.json", "README.md")
# CelebA frames are 178x218; the judge's baselines were measured at twice that.
CELEBA_SIZE = (356, 436)
_INSTALLED_STAMP = ".installed-package-lock.sha256"


class OutsideEvalError(RuntimeError):
    """Something the user must fix before the evaluation can run; the message says what."""


# ---------------------------------------------------------------- faces

def held_out_photos(images_dir: Path, fraction: float, offset: float = 0.0) -> List[Path]:
    """The photos of a folder on the held-out side of the split by source photo, sorted by name."""
    photos = sorted(p for p in Path(images_dir).iterdir() if p.suffix.lower() in (".jpg", ".jpeg", ".png"))
    return [p for p in photos if held_out(p.name, fraction, offset)]


def choose(photos: Sequence[Path], count: int, seed: int) -> List[Path]:
    """A fixed, spread-out selection (names are sorted by id, which may group similar photos)."""
    order = np.random.default_rng(seed).permutation(len(photos))[:count]
    return sorted(photos[i] for i in order)


def write_faces(photos: Sequence[Path], dest: Path, size) -> List[str]:
    """Writes each photo resized to `size` (w, h) as PNG into an emptied `dest`; returns the stems."""
    _empty_dir(dest)
    stems = []
    for p in photos:
        with Image.open(p) as im:
            im.convert("RGB").resize(tuple(size), Image.BICUBIC).save(dest / (p.stem + ".png"))
        stems.append(p.stem)
    return stems


def _empty_dir(d: Path) -> None:
    if d.exists():
        shutil.rmtree(d)
    d.mkdir(parents=True)


# ---------------------------------------------------------------- the project's command line

@dataclass
class Rendering:
    """One `ganimation batch` run: which photos came out, which did not and why."""
    preset: str
    command: List[str]
    outputs: Dict[str, Path] = field(default_factory=dict)
    no_face: List[str] = field(default_factory=list)
    failed: Dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0


def batch_command(cli, faces, out, preset: str, intensity: float, model, extra: Sequence[str]) -> List[str]:
    return [str(cli), "batch", "-i", str(faces), "-o", str(out), "--preset", preset,
            "--intensity", f"{intensity:g}", "--model", str(model), *extra]


def render(cli: Path, faces: Path, stems: Sequence[str], out: Path, preset: str, intensity: float,
           model: Path, extra: Sequence[str]) -> Rendering:
    _empty_dir(out)  # a batch skips outputs that exist: never let an older model's edits through
    # The command line runs from the repository root: hand it absolute paths.
    cmd = batch_command(cli.resolve(), faces.resolve(), out.resolve(), preset, intensity, model.resolve(), extra)
    t0 = time.time()
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    r = Rendering(preset, cmd, seconds=time.time() - t0)
    # Exit 1 means some photos failed (they are listed); anything else means the batch did not run.
    if proc.returncode not in (0, 1):
        raise OutsideEvalError(f"the command line stopped with status {proc.returncode}: {shlex.join(cmd)}\n"
                               + _tail(proc.stdout + proc.stderr))
    reasons = parse_failures(proc.stdout)
    for stem in stems:
        edited = out / (stem + ".png")
        if edited.is_file():
            r.outputs[stem] = edited
            continue
        reason = reasons.get(stem + ".png", "no output written")
        if "no face" in reason.lower():
            r.no_face.append(stem)
        else:
            r.failed[stem] = reason
    return r


def parse_failures(batch_stdout: str) -> Dict[str, str]:
    """The batch summary's `  failed: NAME: reason` lines, by photo name."""
    out = {}
    for line in batch_stdout.splitlines():
        line = line.strip()
        if line.startswith("failed:"):
            name, _, reason = line[len("failed:"):].strip().partition(": ")
            out[name] = reason
    return out


def _tail(text: str, lines: int = 15) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


# ---------------------------------------------------------------- the judge

def prepare_judge(judge_dir: Path, source: Optional[Path]) -> Path:
    """Copies the judge into a writable folder and installs its packages when they are missing or
    its lock file changed. Returns the folder."""
    if shutil.which("node") is None:
        raise OutsideEvalError("Node.js (20 or newer) is needed for the outside readers: apt-get install nodejs npm")
    judge_dir.mkdir(parents=True, exist_ok=True)
    if source is not None and (source / "judge.mjs").is_file():
        for name in JUDGE_FILES:
            src, dst = source / name, judge_dir / name
            if src.is_file() and (not dst.is_file() or dst.read_bytes() != src.read_bytes()):
                dst.unlink(missing_ok=True)
                dst.write_bytes(src.read_bytes())
    if not (judge_dir / "judge.mjs").is_file():
        raise OutsideEvalError(f"no judge in {judge_dir} and none to copy from {source}: "
                               "the judge comes from ../shared/tools/judge (give --judge-source)")
    lock_hash = hashlib.sha256((judge_dir / "package-lock.json").read_bytes()).hexdigest()
    stamp = judge_dir / _INSTALLED_STAMP
    if not (judge_dir / "node_modules").is_dir() or not stamp.is_file() or stamp.read_text().strip() != lock_hash:
        print(f"installing the judge's packages in {judge_dir} (npm ci, about 560 MB)", flush=True)
        proc = subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=judge_dir, capture_output=True, text=True)
        if proc.returncode != 0:
            raise OutsideEvalError(f"npm ci failed in {judge_dir} (is the npm registry reachable?)\n"
                                   + _tail(proc.stdout + proc.stderr))
        stamp.write_text(lock_hash + "\n")
    return judge_dir


def judge_installed(judge_dir: Path) -> bool:
    return (judge_dir / "judge.mjs").is_file() and (judge_dir / "node_modules").is_dir()


def write_pairs_csv(path: Path, pairs: Sequence[tuple]) -> None:
    """(group, original, edited) rows; the judge splits on commas, so paths must not hold any."""
    for row in pairs:
        for value in row:
            if any(c in str(value) for c in ",\r\n"):
                raise OutsideEvalError(f"the judge cannot read a path with a comma or line break: {value}")
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["group", "original", "edited"])
        w.writerows(pairs)


def run_judge(judge_dir: Path, pairs_csv: Path, out_json: Path) -> dict:
    """`node judge.mjs pairs`: one process, so it takes one core's share at a time. Its progress
    (stderr) reaches the terminal; its summary (stdout) is in the JSON file already."""
    out_json.unlink(missing_ok=True)
    proc = subprocess.run(["node", "judge.mjs", "pairs", "--csv", str(pairs_csv.resolve()),
                           "--out", str(out_json.resolve())], cwd=judge_dir, stdout=subprocess.PIPE, text=True)
    if proc.returncode != 0 or not out_json.is_file():
        raise OutsideEvalError(f"the judge failed on {pairs_csv} (status {proc.returncode}; its messages are above)")
    return json.loads(out_json.read_text(encoding="utf-8"))


# ---------------------------------------------------------------- figures

def _rgb(path) -> np.ndarray:
    with Image.open(path) as im:
        return np.asarray(im.convert("RGB"))


def preset_figures(preset: str, rendering: Rendering, judged: dict, photos: int) -> dict:
    """One preset's row: the judge's group summary, the colour shift in the judge's face box of each
    original, and the photos nobody could read."""
    group = judged["groups"].get(preset, {})
    pairs = [p for p in judged["pairs"] if p["group"] == preset]
    colour = []
    for p in pairs:
        if not p.get("originalFace"):
            continue  # no judge box to measure in
        c = colour_shift(_rgb(p["original"]), _rgb(p["edited"]), p["originalFace"]["box"])
        colour.append({"photo": Path(p["original"]).stem, **c})
    ident = group.get("identityCosine") or {}
    return {
        "preset": preset,
        "target": group.get("target"),
        "photos": photos,
        "rendered": len(rendering.outputs),
        "projectNoFace": sorted(rendering.no_face),
        "projectFailed": dict(sorted(rendering.failed.items())),
        "judgeNoFaceOriginal": group.get("noFaceInOriginal", 0),
        "judgeNoFaceEdited": group.get("noFaceInEdited", 0),
        "judged": group.get("bothFacesFound", 0),
        "identity": {k: ident.get(k) for k in ("mean", "min", "median", "p05")},
        "expression": {
            "top1Before": group.get("fractionTopIsTargetOriginal"), "top1After": group.get("fractionTopIsTargetEdited"),
            "meanProbBefore": group.get("meanTargetOriginal"), "meanProbAfter": group.get("meanTargetEdited"),
            "rose": group.get("fractionTargetRose"),
        },
        "colour": {
            "faces": len(colour),
            "chromaShifted": _mean([c["chromaShifted"] for c in colour]),
            "chromaShiftedWorst": _max([c["chromaShifted"] for c in colour]),
            "magentaBlue": _mean([c["magentaBlue"] for c in colour]),
            "magentaBlueWorst": _max([c["magentaBlue"] for c in colour]),
            "perFace": colour,
        },
        "renderSeconds": round(rendering.seconds, 1),
    }


def _mean(xs):
    return round(float(np.mean(xs)), 4) if xs else None


def _max(xs):
    return round(float(np.max(xs)), 4) if xs else None


# ---------------------------------------------------------------- one photo set, end to end

@dataclass
class PhotoSet:
    name: str
    description: str
    folder: Path
    stems: List[str]


def evaluate_set(photo_set: PhotoSet, work: Path, presets: Sequence[str], cli: Path, judge_dir: Path,
                 model: Path, intensity: float, extra: Sequence[str]) -> dict:
    renders = work / "renders" / photo_set.name
    renderings = {}
    for preset in presets:
        print(f"[{photo_set.name}] rendering {len(photo_set.stems)} photo(s) at {preset}", flush=True)
        renderings[preset] = render(cli, photo_set.folder, photo_set.stems, renders / preset, preset,
                                    intensity, model, extra)
    pairs = [(preset, str((photo_set.folder / (stem + ".png")).resolve()), str(edited.resolve()))
             for preset, r in renderings.items() for stem, edited in sorted(r.outputs.items())]
    if not pairs:
        raise OutsideEvalError(f"the command line edited none of the {photo_set.description}")
    pairs_csv = work / f"pairs-{photo_set.name}.csv"
    write_pairs_csv(pairs_csv, pairs)
    print(f"[{photo_set.name}] judging {len(pairs)} pairs", flush=True)
    t0 = time.time()
    judged = run_judge(judge_dir, pairs_csv, work / f"judge-{photo_set.name}.json")
    judge_seconds = time.time() - t0
    return {
        "description": photo_set.description,
        "photos": list(photo_set.stems),
        "presets": {p: preset_figures(p, renderings[p], judged, len(photo_set.stems)) for p in presets},
        "baselines": judged.get("baselines"),
        "judge": judged.get("judge"),
        "timing": {"renderSeconds": round(sum(r.seconds for r in renderings.values()), 1),
                   "judgeSeconds": round(judge_seconds, 1), "pairs": len(pairs)},
    }


def _model_description(model: Path) -> Optional[str]:
    try:
        meta = json.loads((model / "model.json").read_text(encoding="utf-8"))
        return meta.get("provenance", {}).get("description")
    except (OSError, ValueError):
        return None


def _shown(path: Path) -> str:
    """A path as the report shows it: relative to the repository when inside it."""
    path = Path(path).resolve()
    return str(path.relative_to(REPO)) if path.is_relative_to(REPO) else str(path)


def split_passthrough(argv: Sequence[str]):
    """Everything after the first `--` goes to the command line unchanged."""
    argv = list(argv)
    if "--" in argv:
        i = argv.index("--")
        return argv[:i], argv[i + 1:]
    return argv, []


def parse_args(argv):
    own, extra = split_passthrough(argv)
    p = argparse.ArgumentParser(prog="python3 -m ganimation.evaluation.outside_eval", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", type=Path, default=REPO / "assets/models/default", help="generator model directory")
    p.add_argument("--faces", type=int, default=60, help="held-out CelebA frames to use (default 60)")
    p.add_argument("--data", type=Path, default=REPO.parent / "shared/data/celeba-au",
                   help="CelebA folder with images/ (default ../shared/data/celeba-au)")
    p.add_argument("--val-fraction", type=float, default=0.1, help="held-out share of source photos, as in training")
    p.add_argument("--seed", type=int, default=0, help="which held-out frames are chosen")
    p.add_argument("--presets", default=",".join(PRESETS), help="comma-separated presets (default: all seven)")
    p.add_argument("--intensity", type=float, default=1.0, help="--intensity given to the command line")
    p.add_argument("--sample", type=Path, default=REPO / "assets/samples/astronaut.png",
                   help="a portrait rendered the same way, reported on its own; 'none' to skip")
    p.add_argument("--work", type=Path, default=REPO / "build/outside-eval/work",
                   help="folder for faces, renders and judge files (emptied parts are rewritten each run)")
    p.add_argument("--out", type=Path, default=REPO / "build/outside-eval", help="folder for results.json and report.md")
    p.add_argument("--label", help="name of this run in reports and comparisons (default: the model folder's name)")
    p.add_argument("--judge", type=Path, default=REPO / "build/judge", help="writable folder the judge runs in")
    p.add_argument("--judge-source", type=Path, default=REPO.parent / "shared/tools/judge",
                   help="where the judge is copied from (default ../shared/tools/judge)")
    p.add_argument("--cli", type=Path, default=REPO / "ganimation", help="the project's command line")
    p.add_argument("--compare", type=Path, help="another run's results.json: adds a side-by-side table")
    p.add_argument("--report-only", type=Path, metavar="RESULTS_JSON",
                   help="run nothing: write report.md for an existing results.json (with --compare)")
    a = p.parse_args(own)
    a.extra = extra
    a.presets = [s.strip() for s in a.presets.split(",") if s.strip()]
    if a.faces < 1:
        p.error("--faces must be at least 1")
    return a


def run(a) -> dict:
    if not (a.data / "images").is_dir():
        raise OutsideEvalError(f"no CelebA frames at {a.data}/images (give --data)")
    if not (a.model / "model.json").is_file():
        raise OutsideEvalError(f"{a.model} is not a model directory (no model.json)")
    judge_dir = prepare_judge(a.judge, a.judge_source)
    held = held_out_photos(a.data / "images", a.val_fraction)
    if not held:
        raise OutsideEvalError(f"no held-out photos in {a.data}/images")
    chosen = choose(held, a.faces, a.seed)
    if len(chosen) < a.faces:
        print(f"only {len(chosen)} held-out frames exist; using all of them", flush=True)
    faces_dir = a.work / "faces"
    sets = [PhotoSet("celeba", f"{len(chosen)} held-out CelebA frames", faces_dir,
                     write_faces(chosen, faces_dir, CELEBA_SIZE))]
    if a.sample and str(a.sample) != "none":
        sample_dir = a.work / "sample"
        _empty_dir(sample_dir)
        with Image.open(a.sample) as im:
            im.convert("RGB").save(sample_dir / (a.sample.stem + ".png"))
        sets.append(PhotoSet("sample", f"sample portrait {_shown(a.sample)}", sample_dir, [a.sample.stem]))
    results = {
        "label": a.label or a.model.resolve().name,
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "model": _shown(a.model),
        "modelDescription": _model_description(a.model),
        "command": shlex.join(batch_command("./ganimation", "FACES", "OUT/PRESET", "PRESET", a.intensity,
                                            _shown(a.model), a.extra)),
        "extraArgs": list(a.extra),
        "faceSelection": {"data": _shown(a.data), "heldOutFraction": a.val_fraction, "heldOutPhotos": len(held),
                          "faces": len(chosen), "seed": a.seed, "size": list(CELEBA_SIZE)},
        "sets": {},
    }
    for s in sets:
        results["sets"][s.name] = evaluate_set(s, a.work, a.presets, a.cli, judge_dir, a.model, a.intensity, a.extra)
    return results


def main(argv=None) -> int:
    a = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        if a.report_only:
            results = json.loads(a.report_only.read_text(encoding="utf-8"))
            out = a.report_only.parent
        else:
            results = run(a)
            out = a.out
            out.mkdir(parents=True, exist_ok=True)
            text = json.dumps(results, indent=1) + "\n"
            atomic_write(out / "results.json", lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
        other = json.loads(a.compare.read_text(encoding="utf-8")) if a.compare else None
        report = write_report(out / "report.md", results, other)
    except OutsideEvalError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    print(report)
    print(f"wrote {_shown(out / 'report.md')}" + ("" if a.report_only else f" and {_shown(out / 'results.json')}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
