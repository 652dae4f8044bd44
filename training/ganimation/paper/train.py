"""Train a GANimation generator on labelled face crops; resumable; exports a model directory.

  python3 -m ganimation.paper.train --run runs/mine --crops CROPS... --labels LABELS.csv... \\
      [--set conv_dim=32 --set batch=16 ...] [--max-minutes 60] [--export-to MODEL_DIR]

A run folder holds config.json, log.jsonl (every loss term and the mean attention, per log window),
heldout.txt (source photos training never sees) and checkpoint/ (generator.pt, critic.pt, state.pt).
Running the same command again resumes from the checkpoint. Labels are CSVs with OpenFace column
names (AU01_r ... AU45_r, 0-5 scale) and a file column matching each crop's source photo.
"""
import argparse
import dataclasses
import json
import signal
import sys
import time
from pathlib import Path

import torch

from ..data import FaceSet, load_crops
from ..model_dir import export_generator
from .options import load_config
from .trainer import Trainer


def load_training_data(crops, labels, image_size: int, val_fraction: float):
    data = FaceSet.concat([load_crops(c, l, size=image_size) for c, l in zip(crops, labels)])
    return data.split(val_fraction)


def resolve_device(name: str) -> str:
    if name == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if name == "cuda" and not torch.cuda.is_available():
        raise SystemExit("CUDA was requested but torch sees no GPU")
    return name


def export_run(trainer: Trainer, run: Path, out: Path) -> Path:
    cfg = trainer.cfg
    return export_generator(trainer.G.float().cpu(), out, image_size=cfg.image_size, provenance={
        "description": f"GANimation generator trained {trainer.iteration} critic iterations "
                       f"({trainer.iteration / trainer.batches_per_epoch:.1f} epochs)",
        "source": "ganimation.paper.train", "run": run.name, "criticIterations": trainer.iteration,
        "generatorSteps": trainer.iteration // cfg.critic_steps,
        "epochs": round(trainer.iteration / trainer.batches_per_epoch, 2), "trainingCrops": len(trainer.data),
        "config": dataclasses.asdict(cfg)})


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python3 -m ganimation.paper.train", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--run", required=True, type=Path, help="run folder (created; resumed if it has a checkpoint)")
    p.add_argument("--crops", nargs="+", required=True, type=Path)
    p.add_argument("--labels", nargs="+", required=True, type=Path, help="one label CSV per crop folder")
    p.add_argument("--config", help="JSON file of training settings (see TrainConfig)")
    p.add_argument("--set", action="append", metavar="KEY=VALUE", help="override one setting, e.g. conv_dim=32")
    p.add_argument("--val-fraction", type=float, default=0.1, help="held-out share of source photos")
    p.add_argument("--iterations", type=int, help="critic iterations to run now (default: to the schedule's end)")
    p.add_argument("--max-minutes", type=float, help="stop (with a checkpoint) after this long")
    p.add_argument("--device", default="auto", choices=["auto", "cpu", "cuda"])
    p.add_argument("--threads", type=int, help="CPU threads for torch")
    p.add_argument("--fresh", action="store_true", help="ignore an existing checkpoint")
    p.add_argument("--export-to", type=Path, help="write the generator as a model directory when done")
    a = p.parse_args(argv)
    if len(a.crops) != len(a.labels):
        p.error("give one --labels file per --crops folder")
    if a.threads:
        torch.set_num_threads(a.threads)

    a.run.mkdir(parents=True, exist_ok=True)
    cfg = load_config(a.run, a.config, a.set)
    (a.run / "config.json").write_text(json.dumps(dataclasses.asdict(cfg), indent=2) + "\n", encoding="utf-8")
    train_set, held = load_training_data(a.crops, a.labels, cfg.image_size, a.val_fraction)
    (a.run / "heldout.txt").write_text("".join(s + "\n" for s in sorted(set(held.sources))), encoding="utf-8")
    device = resolve_device(a.device)
    trainer = Trainer(cfg, train_set, device=device, log_file=a.run / "log.jsonl")
    ckpt = a.run / "checkpoint"
    if (ckpt / "state.pt").is_file() and not a.fresh:
        trainer.load(ckpt)
        print(f"resumed at critic iteration {trainer.iteration} of {trainer.total_iterations}")
    print(f"{len(train_set)} training crops, {len(held)} held out; {trainer.batches_per_epoch} batches per epoch; "
          f"device {device}; generator {sum(q.numel() for q in trainer.G.parameters()):,} parameters, "
          f"critic {sum(q.numel() for q in trainer.D.parameters()):,}", flush=True)

    # A polite stop (Ctrl-C, SIGTERM) still leaves a checkpoint.
    def stop(signum, frame):
        raise KeyboardInterrupt
    signal.signal(signal.SIGTERM, stop)
    t0 = time.time()
    try:
        done = trainer.train(iterations=a.iterations, max_seconds=a.max_minutes * 60 if a.max_minutes else None,
                             checkpoint_dir=ckpt, echo=lambda s: print(s, flush=True))
    except KeyboardInterrupt:
        trainer.save(ckpt)
        print(f"stopped; checkpoint at critic iteration {trainer.iteration}")
        return 130
    seconds = time.time() - t0
    if done:
        print(f"{done} critic iterations in {seconds:.0f} s ({done * cfg.batch / seconds:.1f} images/s); "
              f"now at {trainer.iteration} of {trainer.total_iterations}")
    if a.export_to:
        print(f"wrote {export_run(trainer, a.run, a.export_to)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
