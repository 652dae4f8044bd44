"""Distil a light preview generator from a full one, for slider drags on a CPU.

  python3 -m ganimation.paper.distill --teacher MODEL_DIR --crops CROPS... --labels LABELS.csv... \\
      --out PREVIEW_DIR [--conv-dim 32 --repeat-num 4] [--pairs 3000] [--max-minutes 60]

The student has the teacher's architecture at a smaller width and depth, so it is an ordinary
model directory the runtime loads like any generator. It learns to reproduce the teacher's colour
mask C and attention mask A (and so its composite) for training faces at target AU vectors drawn
the trainer's way (another face's AUs plus noise). The teacher's outputs are computed once per
(face, target) pair and reused every epoch, because the teacher costs more than a student step.
Faces held out by source photo (the trainer's split) are never trained on; the report measures the
student against the teacher on them.
"""
import argparse
import json
import math
import sys
import time
from pathlib import Path

import torch

from ..data import to_model_range
from ..model_dir import export_generator, load_eager_generator, read_metadata
from .networks import Generator, composite
from .train import load_training_data

REPORT = "distillation.json"
CHECKPOINT = "student.pt"


def draw_pairs(data, count: int, au_noise: float, rng: torch.Generator):
    """(face index, target AUs) pairs: targets are another face's AUs plus uniform noise, as in training."""
    faces = torch.randint(0, len(data), (count,), generator=rng)
    other = torch.randint(0, len(data), (count,), generator=rng)
    noise = (torch.rand(count, data.aus.shape[1], generator=rng) * 2 - 1) * au_noise
    return faces, (data.aus[other] + noise).clamp(0, 1)


@torch.no_grad()
def teacher_outputs(teacher, data, faces, targets, batch: int = 16, echo=print):
    """The teacher's (C, A) for each pair, as float16 N x 4 x S x S (C in channels 0-2, A in 3)."""
    out = []
    t0 = time.time()
    for i in range(0, len(faces), batch):
        img = to_model_range(data.images[faces[i:i + batch]])
        c, a = teacher(img, targets[i:i + batch])
        out.append(torch.cat([c, a], 1).half())
        if (i // batch) % 20 == 0:
            echo(f"teacher {i + len(img)}/{len(faces)} pairs, {time.time() - t0:.0f} s")
    return torch.cat(out)


def distillation_loss(img, student_out, target):
    """L1 on the composite, on A, and on C where the teacher paints (weighted by 1 - A)."""
    c, a = student_out
    tc, ta = target[:, :3].float(), target[:, 3:].float()
    comp = (composite(img, c, a) - composite(img, tc, ta)).abs().mean()
    att = (a - ta).abs().mean()
    col = ((1 - ta) * (c - tc).abs()).mean()
    return comp + att + col, {"composite": comp.item(), "attention": att.item(), "colour": col.item()}


@torch.no_grad()
def compare(student, teacher_set, data, faces, targets, batch: int = 16) -> dict:
    """Student against teacher on given pairs: composite L1 (0-1 picture scale), and how much of the
    teacher's edit (its composite's distance from the input) the student's error amounts to."""
    err = edit = att = 0.0
    n = 0
    for i in range(0, len(faces), batch):
        img = to_model_range(data.images[faces[i:i + batch]])
        c, a = student(img, targets[i:i + batch])
        t = teacher_set[i:i + batch].float()
        tcomp = composite(img, t[:, :3], t[:, 3:])
        err += (composite(img, c, a) - tcomp).abs().mean((1, 2, 3)).sum().item() / 2
        edit += (tcomp - img).abs().mean((1, 2, 3)).sum().item() / 2
        att += (a - t[:, 3:]).abs().mean((1, 2, 3)).sum().item()
        n += len(img)
    return {"pairs": n, "compositeL1": err / n, "teacherEditL1": edit / n, "attentionL1": att / n,
            "errorShareOfEdit": err / max(edit, 1e-12)}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python3 -m ganimation.paper.distill", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--teacher", required=True, type=Path, help="model directory of the full generator")
    p.add_argument("--crops", nargs="+", required=True, type=Path)
    p.add_argument("--labels", nargs="+", required=True, type=Path, help="one label CSV per crop folder")
    p.add_argument("--out", required=True, type=Path, help="model directory for the preview generator")
    p.add_argument("--work", type=Path, help="folder for the teacher cache and checkpoints (default: OUT.work)")
    p.add_argument("--conv-dim", type=int, default=32)
    p.add_argument("--repeat-num", type=int, default=4)
    p.add_argument("--pairs", type=int, default=3000, help="training (face, target) pairs")
    p.add_argument("--held-out-pairs", type=int, default=200)
    p.add_argument("--epochs", type=float, default=1000, help="passes over the pairs (or until --max-minutes)")
    p.add_argument("--max-minutes", type=float, help="stop training after this long")
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--lr", type=float, default=5e-4)
    p.add_argument("--au-noise", type=float, default=0.1)
    p.add_argument("--val-fraction", type=float, default=0.1, help="held-out share of source photos (as trained)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--log-every", type=int, default=50, help="steps per log line")
    p.add_argument("--eval-every", type=int, default=500, help="steps between held-out comparisons")
    p.add_argument("--threads", type=int)
    p.add_argument("--fresh", action="store_true", help="ignore a student checkpoint in the work folder")
    a = p.parse_args(argv)
    if len(a.crops) != len(a.labels):
        p.error("give one --labels file per --crops folder")
    if a.threads:
        torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    work = a.work or a.out.with_name(a.out.name + ".work")
    work.mkdir(parents=True, exist_ok=True)

    teacher_meta = read_metadata(a.teacher)
    size = teacher_meta["input"]["size"]
    teacher = load_eager_generator(a.teacher)
    train_set, held = load_training_data(a.crops, a.labels, size, a.val_fraction)
    rng = torch.Generator().manual_seed(a.seed)
    faces, targets = draw_pairs(train_set, a.pairs, a.au_noise, rng)
    vfaces, vtargets = draw_pairs(held, a.held_out_pairs, a.au_noise, rng)

    cache = work / f"teacher-{a.pairs}-{a.held_out_pairs}-{a.seed}.pt"
    if cache.is_file():
        outputs, voutputs = torch.load(cache)
    else:
        outputs = teacher_outputs(teacher, train_set, faces, targets)
        voutputs = teacher_outputs(teacher, held, vfaces, vtargets)
        torch.save((outputs, voutputs), cache)
    del teacher

    student = Generator(conv_dim=a.conv_dim, repeat_num=a.repeat_num, c_dim=train_set.aus.shape[1],
                        affine_norm=teacher_meta["architecture"]["affineNorm"],
                        conv_bias=teacher_meta["architecture"]["convBias"])
    opt = torch.optim.Adam(student.parameters(), lr=a.lr, betas=(0.9, 0.999))
    steps_per_epoch = max(1, len(faces) // a.batch)
    total = int(a.epochs * steps_per_epoch)
    budget = a.max_minutes * 60 if a.max_minutes else float("inf")
    checkpoint = work / CHECKPOINT
    step, spent, history = 0, 0.0, []
    if checkpoint.is_file() and not a.fresh:
        # --max-minutes is the whole run's budget: a resumed run gets what the earlier ones left
        state = torch.load(checkpoint)
        student.load_state_dict(state["student"])
        opt.load_state_dict(state["optimizer"])
        step, spent, history = state["step"], state["seconds"], state["history"]
        rng.set_state(state["rng"])
        print(f"resumed at step {step} after {spent:.0f} s", flush=True)

    def save():
        torch.save({"student": student.state_dict(), "optimizer": opt.state_dict(), "step": step,
                    "seconds": spent + time.time() - t0, "history": history, "rng": rng.get_state()},
                   checkpoint.with_suffix(".tmp"))
        checkpoint.with_suffix(".tmp").replace(checkpoint)
    print(f"student {sum(q.numel() for q in student.parameters()):,} parameters; {len(faces)} pairs from "
          f"{len(train_set)} faces, {len(vfaces)} held-out pairs from {len(held)} faces", flush=True)
    t0 = time.time()
    window = []

    def elapsed():
        return spent + time.time() - t0

    while step < total and elapsed() < budget:
        order = torch.randperm(len(faces), generator=rng)
        for j in range(steps_per_epoch):
            if step >= total or elapsed() >= budget:
                break
            # Cosine decay over the planned steps, or over the time budget when that ends first.
            progress = max(step / total, elapsed() / budget)
            for group in opt.param_groups:
                group["lr"] = a.lr * 0.5 * (1 + math.cos(min(progress, 1.0) * math.pi))
            idx = order[j * a.batch:(j + 1) * a.batch]
            img = to_model_range(train_set.images[faces[idx]])
            target = outputs[idx].float()
            if torch.rand(1, generator=rng).item() < 0.5:  # the teacher's outputs flip with the face
                img, target = img.flip(3), target.flip(3)
            student.train()
            loss, parts = distillation_loss(img, student(img, targets[idx]), target)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            window.append(parts)
            step += 1
            if step % a.log_every == 0:
                mean = {k: sum(w[k] for w in window) / len(window) for k in window[0]}
                window = []
                student.eval()
                entry = {"step": step, "seconds": round(elapsed(), 1), **mean}
                if step % a.eval_every == 0:
                    entry["heldOut"] = compare(student, voutputs, held, vfaces, vtargets)
                    save()
                history.append(entry)
                print(json.dumps(entry), flush=True)
    student.eval()
    save()  # before the export, so the weights survive whatever happens to it
    seconds = elapsed()
    report = {
        "teacher": str(a.teacher), "steps": step, "seconds": round(seconds, 1),
        "imagesPerSecond": round(step * a.batch / max(seconds, 1e-9), 2),
        "heldOut": compare(student, voutputs, held, vfaces, vtargets),
        "settings": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(a).items()
                     if k not in ("crops", "labels")},
    }
    out = export_generator(student, a.out, image_size=size, provenance={
        "description": f"preview generator distilled from {teacher_meta['provenance'].get('run', a.teacher.name)} "
                       f"({step} steps of {a.batch} on {len(faces)} teacher pairs)",
        "source": "ganimation.paper.distill", "distilledFrom": teacher_meta["files"]["generator"]["sha256"],
        "heldOut": report["heldOut"]})
    (out / REPORT).write_text(json.dumps({**report, "history": history}, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
