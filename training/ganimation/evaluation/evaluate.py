"""Evaluate a generator model directory on held-out face crops: a JSON report and image sheets.

  python3 -m ganimation.evaluation.evaluate --model MODEL_DIR --estimator ESTIMATOR_DIR --crops CROPS \\
      [--heldout RUN/heldout.txt] [--labels LABELS.csv ...] --out REPORT_DIR

- AU responsiveness: each face is rendered at target AU vectors drawn from the label distribution
  (the AUs of random labelled faces); the estimator reads the output; Pearson r and MAE per AU
  between target and reading. The same reading of the unedited input is the no-edit baseline.
- Reconstruction: L1 (on [0, 1] pixels) between the input and the output rendered at the input's
  own estimated AUs; cycle L1 after editing to a target and back.
- Attention statistics (mean, fraction of pixels below 0.5) and NaN/inf counts.
- sheet.png: single-AU strips at 0, 0.33, 0.66, 1 (the paper's Fig. 4); masks.png: input, output,
  attention A and colour C for several targets (Fig. 5).
"""
import argparse
import json
import sys
from pathlib import Path
from typing import List

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image, ImageDraw

from ..action_units import au_codes
from ..data import FaceSet, load_crops, read_au_csv, to_model_range, OPENFACE_SCALE
from ..model_dir import load_eager_generator, load_estimator, read_metadata
from ..paper.networks import composite
from .metrics import pearson

SHEET_LEVELS = (0.0, 0.33, 0.66, 1.0)
KEY_AUS = ("AU06", "AU12", "AU25", "AU26")


class Evaluator:
    def __init__(self, generator_dir, estimator_dir):
        self.G = load_eager_generator(generator_dir)
        self.size = read_metadata(generator_dir)["input"]["size"]
        self.E, emeta = load_estimator(estimator_dir)
        self.e_size = emeta["input"]["size"]

    @torch.no_grad()
    def render(self, images, aus):
        """images in [-1, 1]; returns (output, colour, attention)."""
        color, att = self.G(images, aus)
        return composite(images, color, att), color, att

    @torch.no_grad()
    def read(self, images):
        return self.E(_at_size(images, self.e_size).clamp(-1, 1)).float()


def _at_size(images, size: int):
    """Resamples square images to size x size (antialiased) when they differ."""
    if images.shape[-1] == size:
        return images
    return F.interpolate(images, size=(size, size), mode="bilinear", align_corners=False, antialias=True)


def _batches(n, size):
    for i in range(0, n, size):
        yield slice(i, min(n, i + size))


def evaluate(ev: Evaluator, faces: FaceSet, label_pool: np.ndarray, targets_per_face: int = 2,
             seed: int = 0, batch: int = 16) -> dict:
    gen = torch.Generator().manual_seed(seed)
    pool = torch.from_numpy(label_pool).float()
    targets, readings, baseline = [], [], []
    recon_l1, cycle_l1, att_means, att_low, bad = [], [], [], [], 0
    n_pixels = 0
    for sl in _batches(len(faces), batch):
        x = _at_size(to_model_range(faces.images[sl]), ev.size)
        own = ev.read(x)
        # Reconstruction at the face's own AUs.
        out, color, att = ev.render(x, own)
        recon_l1.append(((out - x).abs() / 2).mean(dim=(1, 2, 3)))
        for _ in range(targets_per_face):
            t = pool[torch.randint(0, len(pool), (x.size(0),), generator=gen)]
            out, color, att = ev.render(x, t)
            bad += int((~torch.isfinite(out)).sum() + (~torch.isfinite(color)).sum() + (~torch.isfinite(att)).sum())
            att_means.append(att.mean(dim=(1, 2, 3)))
            att_low.append((att < 0.5).float().mean(dim=(1, 2, 3)))
            n_pixels += att.numel()
            targets.append(t)
            readings.append(ev.read(out))
            baseline.append(own)
            back, _, _ = ev.render(out, own)
            cycle_l1.append(((back - x).abs() / 2).mean(dim=(1, 2, 3)))
    t = torch.cat(targets).numpy()
    r_out = torch.cat(readings).numpy()
    r_in = torch.cat(baseline).numpy()
    r = pearson(t, r_out)
    r0 = pearson(t, r_in)
    codes = au_codes()
    per_au = {c: {"pearson": _f(r[i]), "mae": _f(np.abs(t[:, i] - r_out[:, i]).mean()),
                  "noEditPearson": _f(r0[i]), "noEditMae": _f(np.abs(t[:, i] - r_in[:, i]).mean()),
                  "targetStd": _f(t[:, i].std())} for i, c in enumerate(codes)}
    key = [per_au[c]["pearson"] for c in KEY_AUS]
    return {
        "faces": len(faces), "renders": len(t),
        "auResponsiveness": {"perAu": per_au, "keyAus": list(KEY_AUS),
                             "keyAuMeanPearson": _f(np.nanmean([k if k is not None else np.nan for k in key])),
                             "allAuMeanPearson": _f(np.nanmean(r)), "meanMae": _f(np.abs(t - r_out).mean())},
        "reconstruction": {"l1": _f(torch.cat(recon_l1).mean()), "cycleL1": _f(torch.cat(cycle_l1).mean())},
        "attention": {"mean": _f(torch.cat(att_means).mean()), "fractionBelowHalf": _f(torch.cat(att_low).mean())},
        "nonFiniteValues": bad,
    }


def _f(v):
    v = float(v)
    return None if not np.isfinite(v) else round(v, 4)


def _to_pil(t):
    arr = ((t.detach().float().clamp(-1, 1) + 1) * 127.5).round().byte().permute(1, 2, 0).numpy()
    return Image.fromarray(arr)


def _mask_pil(a):
    arr = (a.detach().float().clamp(0, 1)[0] * 255).round().byte().numpy()
    return Image.fromarray(arr).convert("RGB")


def single_au_sheet(ev: Evaluator, faces: FaceSet, count: int = 3) -> Image.Image:
    """For each face: 17 rows (one AU each) x the levels; the AU is set on top of the face's own AUs."""
    codes = au_codes()
    s = ev.size
    label_w, head_h = 56, 18
    blocks = []
    for i in range(min(count, len(faces))):
        x = _at_size(to_model_range(faces.images[i:i + 1]), s)
        own = ev.read(x)[0]
        block = Image.new("RGB", (label_w + s * (len(SHEET_LEVELS) + 1), head_h + s * len(codes)), "white")
        d = ImageDraw.Draw(block)
        d.text((label_w + 4, 3), "input", fill="black")
        for j, lv in enumerate(SHEET_LEVELS):
            d.text((label_w + s * (j + 1) + 4, 3), f"{lv:.2f}", fill="black")
        for k, code in enumerate(codes):
            aus = own.repeat(len(SHEET_LEVELS), 1)
            aus[:, k] = torch.tensor(SHEET_LEVELS)
            out, _, _ = ev.render(x.repeat(len(SHEET_LEVELS), 1, 1, 1), aus)
            y = head_h + k * s
            d.text((4, y + s // 2 - 6), code, fill="black")
            block.paste(_to_pil(x[0]), (label_w, y))
            for j in range(len(SHEET_LEVELS)):
                block.paste(_to_pil(out[j]), (label_w + s * (j + 1), y))
        blocks.append(block)
    sheet = Image.new("RGB", (sum(b.width for b in blocks) + 8 * (len(blocks) - 1), blocks[0].height), "white")
    xoff = 0
    for b in blocks:
        sheet.paste(b, (xoff, 0))
        xoff += b.width + 8
    return sheet


def mask_sheet(ev: Evaluator, faces: FaceSet, label_pool: np.ndarray, count: int = 4, seed: int = 1) -> Image.Image:
    """Rows of input | output | attention A | colour C for random targets (the paper's Fig. 5)."""
    gen = torch.Generator().manual_seed(seed)
    s = ev.size
    head_h = 18
    n = min(count, len(faces))
    sheet = Image.new("RGB", (4 * s, head_h + n * s), "white")
    d = ImageDraw.Draw(sheet)
    for j, title in enumerate(("input", "output", "attention A", "colour C")):
        d.text((j * s + 4, 3), title, fill="black")
    pool = torch.from_numpy(label_pool).float()
    for i in range(n):
        x = _at_size(to_model_range(faces.images[i:i + 1]), s)
        t = pool[torch.randint(0, len(pool), (1,), generator=gen)]
        out, color, att = ev.render(x, t)
        y = head_h + i * s
        for j, im in enumerate((_to_pil(x[0]), _to_pil(out[0]), _mask_pil(att[0]), _to_pil(color[0]))):
            sheet.paste(im, (j * s, y))
    return sheet


def label_pool_from(paths: List[Path], fallback: FaceSet, ev: Evaluator) -> np.ndarray:
    if paths:
        rows = [v for p in paths for v in read_au_csv(p).values()]
        return np.clip(np.stack(rows) / OPENFACE_SCALE, 0, 1).astype(np.float32)
    # No labels given: the estimator's readings of the evaluation faces are the distribution.
    with torch.no_grad():
        return torch.cat([ev.read(to_model_range(fallback.images[sl]))
                          for sl in _batches(len(fallback), 32)]).numpy()


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python3 -m ganimation.evaluation.evaluate", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", required=True, type=Path, help="generator model directory")
    p.add_argument("--estimator", required=True, type=Path, help="AU estimator model directory")
    p.add_argument("--crops", nargs="+", required=True, type=Path, help="crop folders to evaluate on")
    p.add_argument("--heldout", type=Path, help="list of source photos to keep (a run's heldout.txt)")
    p.add_argument("--labels", nargs="*", type=Path, default=[], help="label CSVs: the target AU distribution")
    p.add_argument("--faces", type=int, default=200, help="at most this many faces")
    p.add_argument("--targets-per-face", type=int, default=2)
    p.add_argument("--sheet-faces", type=int, default=3)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int)
    p.add_argument("--out", required=True, type=Path, help="folder for report.json, sheet.png, masks.png")
    a = p.parse_args(argv)
    if a.threads:
        torch.set_num_threads(a.threads)
    ev = Evaluator(a.model, a.estimator)
    faces = FaceSet.concat([load_crops(c, size=ev.size) for c in a.crops])
    if a.heldout:
        keep = {line.strip() for line in a.heldout.read_text(encoding="utf-8").splitlines() if line.strip()}
        faces = faces.subset(i for i, s in enumerate(faces.sources) if s in keep)
        if len(faces) == 0:
            raise SystemExit(f"none of the crops come from the photos listed in {a.heldout}")
    # A fixed, spread-out selection (the crops are sorted by name, which may group by age or identity).
    order = torch.randperm(len(faces), generator=torch.Generator().manual_seed(a.seed))[:a.faces]
    faces = faces.subset(order.tolist())
    pool = label_pool_from(a.labels, faces, ev)
    report = evaluate(ev, faces, pool, a.targets_per_face, a.seed)
    report.update(model=str(a.model), estimator=str(a.estimator), crops=[str(c) for c in a.crops],
                  heldout=str(a.heldout) if a.heldout else None, seed=a.seed)
    a.out.mkdir(parents=True, exist_ok=True)
    (a.out / "report.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    single_au_sheet(ev, faces, a.sheet_faces).save(a.out / "sheet.png")
    mask_sheet(ev, faces, pool).save(a.out / "masks.png")
    resp = report["auResponsiveness"]
    print(f"{report['faces']} faces, {report['renders']} renders: key-AU mean r {resp['keyAuMeanPearson']}, "
          f"reconstruction L1 {report['reconstruction']['l1']}, cycle L1 {report['reconstruction']['cycleL1']}, "
          f"mean attention {report['attention']['mean']}, non-finite {report['nonFiniteValues']}")
    print(f"wrote {a.out}/report.json, sheet.png, masks.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
