"""Markdown report of an outside-reader evaluation (results.json of ganimation.evaluation.outside_eval),
and a side-by-side comparison of two such runs."""
from pathlib import Path
from typing import Optional

from ..model_dir import atomic_write

COLUMNS = ("preset (class)", "identity mean / worst", "target top-1 before → after",
           "target mean p before → after", "rose", "chroma > 5", "magenta/blue", "no face: CLI · judge orig · edit")
COMPARE_METRICS = (
    ("identity mean", lambda r: _num(r["identity"]["mean"])),
    ("identity worst", lambda r: _num(r["identity"]["min"])),
    ("top-1 after", lambda r: _pct(r["expression"]["top1After"])),
    ("mean p after", lambda r: _num(r["expression"]["meanProbAfter"])),
    ("rose", lambda r: _pct(r["expression"]["rose"])),
    ("chroma > 5", lambda r: _pct(r["colour"]["chromaShifted"], 1)),
    ("magenta/blue", lambda r: _pct(r["colour"]["magentaBlue"], 1)),
    ("no face (CLI)", lambda r: str(len(r["projectNoFace"]))),
)


def _num(x, digits: int = 3) -> str:
    return "–" if x is None else f"{x:.{digits}f}"


def _pct(x, digits: int = 0) -> str:
    return "–" if x is None else f"{100 * x:.{digits}f} %"


def _table(header, rows) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def preset_row(r: dict) -> list:
    e, c = r["expression"], r["colour"]
    return [f"{r['preset']} ({r['target'] or '–'})",
            f"{_num(r['identity']['mean'])} / {_num(r['identity']['min'])}",
            f"{_pct(e['top1Before'])} → {_pct(e['top1After'])}",
            f"{_num(e['meanProbBefore'])} → {_num(e['meanProbAfter'])}",
            _pct(e["rose"]),
            _pct(c["chromaShifted"], 1),
            _pct(c["magentaBlue"], 1),
            f"{len(r['projectNoFace'])} · {r['judgeNoFaceOriginal']} · {r['judgeNoFaceEdited']}"]


def set_section(name: str, s: dict) -> str:
    out = [f"## {s['description']}", "", _table(COLUMNS, [preset_row(r) for r in s["presets"].values()])]
    failed = [(p, photo, why) for p, r in s["presets"].items() for photo, why in r["projectFailed"].items()]
    if failed:
        out += ["", "Photos the command line failed on (other than finding no face):"]
        out += [f"- {p}: {photo}: {why}" for p, photo, why in failed]
    missing = sorted({photo for r in s["presets"].values() for photo in r["projectNoFace"]})
    if missing:
        out += ["", f"No face found by the command line in: {', '.join(missing)}."]
    b = s.get("baselines") or {}
    if name != "sample" and b.get("differentPeople", {}).get("cosine", {}).get("n"):
        rows = []
        for key, title in (("differentPeople", "two different people"), ("mirrored", "mirror image"),
                           ("jpeg75Reencode", "JPEG q75 re-encode"), ("samePhotoTwice", "same photo twice")):
            cos = b.get(key, {}).get("cosine", {})
            if cos.get("n"):
                rows.append([title, str(cos["n"]), _num(cos["mean"]), _num(cos["p95"]), _num(cos["min"]),
                             _num(cos["max"])])
        out += ["", "Identity scale on the same originals (judge baselines):", "",
                _table(("pair", "n", "cosine mean", "p95", "min", "max"), rows)]
    t = s.get("timing")
    if t:
        out += ["", f"Rendering took {t['renderSeconds']:.0f} s; the judge read {t['pairs']} pairs in "
                    f"{t['judgeSeconds']:.0f} s."]
    return "\n".join(out)


def _describe(results: dict) -> str:
    extra = " ".join(results.get("extraArgs") or []) or "no extra arguments"
    return f"{results['label']} (model `{results['model']}`, {extra}, {results['date']})"


def compare_section(a: dict, b: dict) -> str:
    out = ["## Side by side", "", f"A = {_describe(a)}", "", f"B = {_describe(b)}"]
    for name in a["sets"]:
        if name not in b["sets"]:
            continue
        sa, sb = a["sets"][name], b["sets"][name]
        out += ["", f"### {sa['description']}"]
        if sa["photos"] != sb["photos"]:
            out += ["", "The two runs used different photos: compare with care."]
        presets = [p for p in sa["presets"] if p in sb["presets"]]
        header = ["preset"] + [f"{title} A · B" for title, _ in COMPARE_METRICS]
        rows = [[p] + [f"{get(sa['presets'][p])} · {get(sb['presets'][p])}" for _, get in COMPARE_METRICS]
                for p in presets]
        out += ["", _table(header, rows)]
    return "\n".join(out)


def render_report(results: dict, other: Optional[dict] = None) -> str:
    sel = results["faceSelection"]
    out = [f"# Outside readers: {results['label']}", "",
           f"- model: `{results['model']}`" + (f" — {results['modelDescription']}" if results.get("modelDescription") else ""),
           f"- date: {results['date']}",
           f"- faces: {sel['faces']} of the {sel['heldOutPhotos']} held-out frames in `{sel['data']}` "
           f"(held-out share {sel['heldOutFraction']}, seed {sel['seed']}), restored to {sel['size'][0]}×{sel['size'][1]}",
           f"- command line, once per preset: `{results['command']}`",
           "- readers: identity = cosine of HSE FaceRes 1024-d descriptors (original vs edit); expression = "
           "oarriaga's 7-class emotion CNN, the preset's class (top-1 share and mean probability, before → after; "
           "rose = share of faces whose probability went up); colour = CIELAB D65 inside the judge's face box of "
           "the original: pixels whose chroma moved by more than 5 (sqrt(Δa*² + Δb*²) > 5), and toward magenta/blue "
           "(Δa* > 5 and Δb* < −5), mean over faces",
           "- no face: photos where the command line found no face (not rendered), and where the judge found "
           "none in the original or in the edit (not judged)",
           "- these readers are for evaluation and comparison only, never a loss or a tuning signal", ""]
    first = results["sets"].get("celeba") or next(iter(results["sets"].values()))
    judge = first.get("judge") or {}
    if judge:
        out += [f"Judge: Human {judge.get('human')}, TensorFlow.js {judge.get('tfjs')} ({judge.get('backend')}).", ""]
    out.append("\n\n".join(set_section(name, s) for name, s in results["sets"].items()))
    if other is not None:
        out += ["", compare_section(results, other)]
    return "\n".join(out) + "\n"


def write_report(path, results: dict, other: Optional[dict] = None) -> str:
    text = render_report(results, other)
    atomic_write(Path(path), lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
    return text
