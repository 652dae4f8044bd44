"""The AU estimator's command: train, join seed ensembles, write pseudo-labels.

  python3 -m ganimation.estimator train --crops CROPS --labels labels.csv --out MODEL_DIR
        [--landmarks CROPS_LANDMARKS.csv ... --extra-crops UNLABELLED_CROPS ...]
  python3 -m ganimation.estimator ensemble --models DIR DIR ... --crops CROPS --labels labels.csv --out MODEL_DIR
  python3 -m ganimation.estimator label --model MODEL_DIR --crops CROPS --out pseudo_labels.csv

It is trained on labelled crops with a held-out split it never trains on (by source photo), with
flips, small geometric jitter, colour jitter and down/up-sampling: the labelled frames are small
and soft, the crops it must also read (other datasets, generated faces, users' photos) are sharp.
"""
import argparse
from pathlib import Path

from .ensemble import ensemble_command
from .label import label_command
from .train import train_command


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python3 -m ganimation.estimator", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    t = sub.add_parser("train", help="train on labelled crops and export a model directory")
    t.add_argument("--crops", nargs="+", required=True, type=Path, help="crop folders (crop-dataset output)")
    t.add_argument("--labels", nargs="+", required=True, type=Path, help="one OpenFace-style CSV per crop folder")
    t.add_argument("--out", required=True, type=Path)
    t.add_argument("--epochs", type=int, default=40)
    t.add_argument("--batch", type=int, default=32)
    t.add_argument("--lr", type=float, default=2e-3)
    t.add_argument("--width", type=int, default=32)
    t.add_argument("--image-size", type=int, default=128)
    t.add_argument("--val-fraction", type=float, default=0.1)
    t.add_argument("--seed", type=int, default=0)
    t.add_argument("--landmarks", nargs="+", type=Path, metavar="CSV",
                   help="68-point landmarks of the crops (tools/face_landmarks): a training-only second task")
    t.add_argument("--extra-crops", nargs="+", type=Path, metavar="DIR",
                   help="unlabelled crop folders that train the landmark task (needs --landmarks)")
    t.add_argument("--landmark-weight", type=float, default=1.0)
    t.add_argument("--folds", type=int, metavar="K",
                   help="cross-validate instead: K models, each holding out a different 1/K of the source photos; "
                        "writes OUT/fold-k model directories and OUT/crossval.json (pooled per-AU r)")
    t.add_argument("--threads", type=int, default=2)
    e = sub.add_parser("ensemble", help="join estimators trained from different seeds into one model directory")
    e.add_argument("--models", nargs="+", required=True, type=Path, help="estimator model directories")
    e.add_argument("--crops", nargs="+", required=True, type=Path, help="the labelled crops, for validation.json")
    e.add_argument("--labels", nargs="+", required=True, type=Path)
    e.add_argument("--out", required=True, type=Path)
    e.add_argument("--threads", type=int, default=2)
    lab = sub.add_parser("label", help="write pseudo-labels (OpenFace column names, 0-5) for a crop folder")
    lab.add_argument("--model", required=True, type=Path)
    lab.add_argument("--crops", required=True, type=Path)
    lab.add_argument("--out", required=True, type=Path)
    lab.add_argument("--by-source", action="store_true", help="name rows by source photo instead of crop")
    lab.add_argument("--match-labels", type=Path, metavar="CSV",
                     help="map each AU onto the distribution of these real labels (keeps the ranking, restores the spread)")
    lab.add_argument("--threads", type=int, default=2)
    a = p.parse_args(argv)
    if a.command in ("train", "ensemble") and len(a.crops) != len(a.labels):
        p.error("give one --labels file per --crops folder")
    if a.command == "train" and a.folds is not None and a.folds < 2:
        p.error("--folds needs at least 2")
    if a.command == "train" and a.extra_crops and not a.landmarks:
        p.error("--extra-crops trains the landmark task: give --landmarks too")
    return {"train": train_command, "ensemble": ensemble_command, "label": label_command}[a.command](a)

