"""AU estimator: a small residual CNN that reads the 17 AU intensities (0-1) of a face crop.

  python3 -m ganimation.estimator train --crops CROPS --labels labels.csv --out MODEL_DIR
        [--landmarks CROPS_LANDMARKS.csv ... --extra-crops UNLABELLED_CROPS ...]
  python3 -m ganimation.estimator ensemble --models DIR DIR ... --crops CROPS --labels labels.csv --out MODEL_DIR
  python3 -m ganimation.estimator label --model MODEL_DIR --crops CROPS --out pseudo_labels.csv

It is trained on labelled crops with a held-out split it never trains on (by source photo), with
flips, small geometric jitter, colour jitter and down/up-sampling: the labelled frames are small
and soft, the crops it must also read (other datasets, generated faces, users' photos) are sharp.
"""
import argparse
import csv
import json
import sys
import time
from pathlib import Path
from typing import Dict, List, Optional

import numpy as np
import torch
from torch import nn

from .action_units import au_codes
from .augment import estimator_augment
from .data import FaceSet, LabelError, load_crops, match_distribution, read_au_csv, to_model_range, write_openface_csv, OPENFACE_SCALE
from .model_dir import atomic_write, export_estimator, load_estimator


class _Block(nn.Module):
    def __init__(self, cin: int, cout: int, stride: int):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True),
            nn.Conv2d(cout, cout, 3, 1, 1, bias=False), nn.BatchNorm2d(cout))
        self.skip = (nn.Identity() if stride == 1 and cin == cout else
                     nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout)))
        self.act = nn.ReLU(inplace=True)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.act(self.body(x) + self.skip(x))


class AuEstimator(nn.Module):
    """Image N x 3 x S x S in [-1, 1] -> AU intensities N x c_dim in [0, 1].

    With `landmarks` > 0 it also has a training-only head that regresses that many face landmarks
    from the feature map: the shape of the mouth, eyes and brows is what most AUs are, and landmarks
    can be had for every crop (labelled or not), so the features learn it from far more faces than
    carry AU labels. `without_landmarks()` drops the head before export."""

    def __init__(self, width: int = 32, c_dim: int = 17, landmarks: int = 0):
        super().__init__()
        self.width = width
        self.c_dim = c_dim
        w = width
        self.features = nn.Sequential(
            # Stride 4 before the first block keeps it cheap enough to train on a CPU.
            nn.Conv2d(3, w, 3, 2, 1, bias=False), nn.BatchNorm2d(w), nn.ReLU(inplace=True),
            _Block(w, w, 2), _Block(w, 2 * w, 2), _Block(2 * w, 4 * w, 2), _Block(4 * w, 4 * w, 1))
        self.head = nn.Sequential(nn.Dropout(0.2), nn.Linear(4 * w, c_dim))
        self.landmark_head = (nn.Sequential(nn.AdaptiveAvgPool2d(6), nn.Flatten(), nn.Linear(4 * w * 36, 2 * landmarks))
                              if landmarks else None)
        # The head predicts standardised intensities (per-AU z-scores of the training labels): rare AUs
        # get as much of the loss as common ones, and training does not stall at the label mean.
        self.register_buffer("label_mean", torch.zeros(c_dim))
        self.register_buffer("label_std", torch.ones(c_dim))

    def feature_map(self, image: torch.Tensor) -> torch.Tensor:
        # The face fills the middle of a studio crop (side = 1.75 x the face box): look there only.
        m = image.size(-1) // 8
        return self.features(image[:, :, m:image.size(-2) - m, m:image.size(-1) - m])

    def standardized(self, image: torch.Tensor) -> torch.Tensor:
        return self.head(self.feature_map(image).mean(dim=(2, 3)))

    def without_landmarks(self) -> "AuEstimator":
        self.landmark_head = None
        return self

    def forward(self, image: torch.Tensor) -> torch.Tensor:
        # AUs are read as bilateral: averaging with the mirror image halves the reading's noise.
        z = 0.5 * (self.standardized(image) + self.standardized(image.flip(3)))
        return (z * self.label_std + self.label_mean).clamp(0.0, 1.0)


class EstimatorEnsemble(nn.Module):
    """Estimators trained alike from different seeds, read as their mean: with labels this noisy, each
    run learns part of the noise, and the mean of independent runs cancels some of it."""

    def __init__(self, members: List[nn.Module]):
        super().__init__()
        self.members = nn.ModuleList(members)
        self.width = int(getattr(members[0], "width"))
        self.c_dim = int(getattr(members[0], "c_dim"))

    def forward(self, image: torch.Tensor) -> torch.Tensor:
        out = torch.zeros(image.size(0), self.c_dim, device=image.device)
        for m in self.members:
            out = out + m(image)
        return out / len(self.members)


def pearson(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Per-column Pearson r of two N x K arrays (nan where a column is constant)."""
    a = a - a.mean(0)
    b = b - b.mean(0)
    den = np.sqrt((a * a).sum(0) * (b * b).sum(0))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, (a * b).sum(0) / den, np.nan)


@torch.no_grad()
def predict(net, images_u8: torch.Tensor, batch: int = 64) -> np.ndarray:
    """AU intensities in [0, 1] for uint8 crops (the estimator's own input size)."""
    out = []
    for i in range(0, len(images_u8), batch):
        out.append(net(to_model_range(images_u8[i:i + batch])).float())
    return torch.cat(out).numpy()


def per_au_report(target: np.ndarray, predicted: np.ndarray) -> dict:
    r = pearson(target, predicted)
    mae = np.abs(target - predicted).mean(0)
    return {code: {"pearson": None if np.isnan(r[i]) else round(float(r[i]), 4),
                   "mae": round(float(mae[i]), 4), "targetMean": round(float(target[:, i].mean()), 4),
                   "targetStd": round(float(target[:, i].std()), 4)}
            for i, code in enumerate(au_codes())}


def read_landmarks(path) -> Dict[str, np.ndarray]:
    """Crop file name -> 68 x 2 landmark pixels, from a `tools/face_landmarks` CSV."""
    with open(path, newline="", encoding="utf-8") as f:
        return read_landmarks_rows(csv.DictReader(f), str(path))


def read_landmarks_rows(rows, source: str = "landmarks") -> Dict[str, np.ndarray]:
    table = {}
    for line, row in enumerate(rows, start=2):
        try:
            coords = np.array([float(row[f"{a}{i}"]) for i in range(68) for a in "xy"], dtype=np.float32)
            table[Path(row["file"]).name] = coords.reshape(68, 2)
        except (KeyError, ValueError, TypeError) as e:
            raise LabelError(f"{source} line {line}: not a face_landmarks row ({e})") from e
    return table


def landmark_targets(faces: FaceSet, table: Dict[str, np.ndarray]):
    """(N x 68 x 2 points in normalised [-1, 1] crop coordinates, N mask of crops that have them)."""
    size = faces.images.size(-1)
    points = torch.zeros(len(faces), 68, 2)
    mask = torch.zeros(len(faces), dtype=torch.bool)
    for i, name in enumerate(faces.names):
        if name in table:
            points[i] = torch.from_numpy((table[name] + 0.5) / (size / 2) - 1)
            mask[i] = True
    return points, mask


class _LandmarkTask:
    """The auxiliary loss: landmarks of the labelled crops and of extra unlabelled crops."""

    def __init__(self, train_set: FaceSet, extra: Optional[FaceSet], table: Dict[str, np.ndarray], weight: float):
        self.points, self.mask = landmark_targets(train_set, table)
        self.extra = extra
        if extra is not None:
            self.extra_points, keep = landmark_targets(extra, table)
            self.extra = extra.subset(torch.nonzero(keep).flatten().tolist())
            self.extra_points = self.extra_points[keep]
        known = self.points[self.mask]
        if self.extra is not None:
            known = torch.cat([known, self.extra_points])
        if not len(known):
            raise ValueError("no crop has landmarks: check that the landmark CSV names these crops")
        self.mean = known.mean(0)
        self.scale = float((known - self.mean).pow(2).mean().sqrt())
        self.weight = weight

    def loss(self, net: AuEstimator, fmap: torch.Tensor, points: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        pred = net.landmark_head(fmap).view(-1, 68, 2)
        err = ((pred - (points - self.mean) / self.scale) ** 2).mean(dim=(1, 2))
        return self.weight * (err * mask).sum() / mask.sum().clamp_min(1)


def train(train_set: FaceSet, val_set: FaceSet, epochs: int = 60, batch: int = 32, lr: float = 1e-3,
          width: int = 32, seed: int = 0, landmarks: Optional[Dict[str, np.ndarray]] = None,
          extra: Optional[FaceSet] = None, landmark_weight: float = 1.0, log=print) -> (AuEstimator, dict):
    """Trains on the labelled crops; with `landmarks`, also on the landmarks of those crops and of the
    unlabelled `extra` crops (one extra batch per step)."""
    torch.manual_seed(seed)
    gen = torch.Generator().manual_seed(seed)
    net = AuEstimator(width=width, landmarks=68 if landmarks else 0)
    net.label_mean.copy_(train_set.aus.mean(0))
    net.label_std.copy_(train_set.aus.std(0).clamp_min(0.02))
    task = _LandmarkTask(train_set, extra, landmarks, landmark_weight) if landmarks else None
    opt = torch.optim.AdamW(net.parameters(), lr=lr, weight_decay=1e-4)
    steps = epochs * max(1, len(train_set) // batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=lr, total_steps=steps, pct_start=0.15)
    history = []
    step = 0
    images_seen = 0
    t0 = time.time()
    for epoch in range(epochs):
        net.train()
        order = torch.randperm(len(train_set), generator=gen)
        losses, aux_losses = [], []
        for i in range(0, len(order) - batch + 1, batch):
            idx = order[i:i + batch]
            y = (train_set.aus[idx] - net.label_mean) / net.label_std
            x = to_model_range(train_set.images[idx])
            aux = None
            if task is None:
                loss = nn.functional.mse_loss(net.standardized(estimator_augment(x, gen)), y)
            else:
                points, mask = task.points[idx], task.mask[idx]
                if task.extra is not None and len(task.extra):
                    more = torch.randint(len(task.extra), (batch,), generator=gen)
                    x = torch.cat([x, to_model_range(task.extra.images[more])])
                    points = torch.cat([points, task.extra_points[more]])
                    mask = torch.cat([mask, torch.ones(batch, dtype=torch.bool)])
                x, points = estimator_augment(x, gen, points)
                fmap = net.feature_map(x)
                loss = nn.functional.mse_loss(net.head(fmap[:batch].mean(dim=(2, 3))), y)
                aux = task.loss(net, fmap, points, mask)
                aux_losses.append(aux.item())
            losses.append(loss.item())
            if aux is not None:
                loss = loss + aux
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
            step += 1
            images_seen += x.size(0)
        net.eval()
        val = predict(net, val_set.images)
        r = pearson(val_set.aus.numpy(), val)
        key = [au_codes().index(c) for c in ("AU06", "AU12", "AU25", "AU26")]
        history.append({"epoch": epoch + 1, "trainLoss": float(np.mean(losses)),
                        **({"landmarkLoss": float(np.mean(aux_losses))} if task else {}),
                        "valMse": float(((val - val_set.aus.numpy()) ** 2).mean()),
                        "valPearsonKeyAus": [round(float(r[k]), 3) for k in key]})
        log(json.dumps(history[-1]))
    seconds = time.time() - t0
    return net.eval(), {"epochs": epochs, "steps": step, "batch": batch, "seconds": round(seconds, 1),
                        "imagesPerSecond": round(images_seen / seconds, 1), "history": history}


def _train_command(a) -> int:
    torch.set_num_threads(a.threads)
    data = FaceSet.concat([load_crops(c, l, size=a.image_size) for c, l in zip(a.crops, a.labels)])
    landmarks, unlabelled = None, None
    if a.landmarks:
        landmarks = {}
        for path in a.landmarks:
            landmarks.update(read_landmarks(path))
        if a.extra_crops:
            unlabelled = FaceSet.concat([load_crops(c, size=a.image_size) for c in a.extra_crops])
        print(f"landmarks for {len(landmarks)} crops; {0 if unlabelled is None else len(unlabelled)} unlabelled crops")
    provenance = {"description": "AU estimator (17 AU intensities from a face crop)",
                  "data": [str(c) for c in a.crops], "labels": [str(l) for l in a.labels], "seed": a.seed,
                  "landmarks": [str(l) for l in a.landmarks or []],
                  "extraCrops": [str(c) for c in a.extra_crops or []]}

    def fit(fraction: float, offset: float, out: Path):
        train_set, val_set = data.split(fraction, offset)
        print(f"{len(train_set)} training crops, {len(val_set)} held out (by source photo)")
        # The held-out photos stay unseen, labels or not.
        extra = None if unlabelled is None else unlabelled.split(fraction, offset)[0]
        net, stats = train(train_set, val_set, epochs=a.epochs, batch=a.batch, lr=a.lr, width=a.width,
                           seed=a.seed, landmarks=landmarks, extra=extra, landmark_weight=a.landmark_weight)
        net.without_landmarks()
        readings = _export_with_report(net, out, val_set, train_crops=len(train_set), training=stats,
                                       image_size=a.image_size,
                                       provenance={**provenance, "validationFraction": fraction, "validationOffset": offset})
        return val_set, readings

    if not a.folds:
        fit(a.val_fraction, 0.0, a.out)
        return 0
    # Cross-validation: every labelled crop is read once by the model that did not train on it.
    targets, readings, per_fold = [], [], []
    for k in range(a.folds):
        val_set, read = fit(1.0 / a.folds, k / a.folds, a.out / f"fold-{k}")
        targets.append(val_set.aus.numpy())
        readings.append(read)
        per_fold.append({c: v["pearson"] for c, v in per_au_report(targets[-1], read).items()})
    report = {"folds": a.folds, "crops": int(sum(len(t) for t in targets)),
              "pooled": per_au_report(np.concatenate(targets), np.concatenate(readings)), "perFold": per_fold}
    _write_json(a.out / "crossval.json", report)
    for code, v in report["pooled"].items():
        folds = [f[code] for f in per_fold if f[code] is not None]
        print(f"{code}: pooled r={v['pearson']} (folds {min(folds):.2f}-{max(folds):.2f})")
    print(f"wrote {a.out / 'crossval.json'}")
    return 0


def _export_with_report(net, out_dir, val_set: FaceSet, train_crops: int, training: dict, image_size: int,
                        provenance: dict) -> np.ndarray:
    """Exports a model directory with validation.json: per-AU r and MAE on the held-out crops.
    Returns the model's readings of those crops."""
    readings = predict(net, val_set.images)
    report = {"validation": per_au_report(val_set.aus.numpy(), readings),
              "trainCrops": train_crops, "validationCrops": len(val_set),
              "validationSources": sorted(set(val_set.sources)), "training": training}
    provenance["validationPearson"] = {k: v["pearson"] for k, v in report["validation"].items()}
    try:
        out = export_estimator(net, out_dir, image_size=image_size, provenance=provenance)
    except Exception as e:
        # Scripting re-reads the package's source: if it was edited during training, export fails.
        # Keep the trained weights rather than lose hours of training with it.
        rescue = Path(str(out_dir) + ".weights.pt")
        torch.save(net.state_dict(), rescue)
        raise RuntimeError(f"export to {out_dir} failed ({e}); the trained weights are saved in {rescue}") from e
    _write_json(Path(out) / "validation.json", report)
    for code, v in report["validation"].items():
        print(f"{code}: r={v['pearson']} mae={v['mae']}")
    print(f"wrote {out}")
    return readings


def _write_json(path: Path, value) -> None:
    atomic_write(path, lambda tmp: Path(tmp).write_text(json.dumps(value, indent=2) + "\n", encoding="utf-8"))


def _ensemble_command(a) -> int:
    torch.set_num_threads(a.threads)
    members, metas = zip(*(load_estimator(m) for m in a.models))
    splits = {(m["provenance"].get("validationFraction"), m["provenance"].get("validationOffset", 0.0)) for m in metas}
    sizes = {m["input"]["size"] for m in metas}
    if len(splits) != 1 or len(sizes) != 1:
        sys.exit("the estimators must share their held-out split and input size "
                 f"(validation fraction and offset {sorted(map(str, splits))}, input sizes {sorted(sizes)})")
    (fraction, offset), size = splits.pop(), sizes.pop()
    data = FaceSet.concat([load_crops(c, l, size=size) for c, l in zip(a.crops, a.labels)])
    train_set, val_set = data.split(fraction, offset)
    net = EstimatorEnsemble(list(members)).eval()
    _export_with_report(net, a.out, val_set, train_crops=len(train_set), image_size=size, training={
        "members": [json.loads((Path(m) / "validation.json").read_text(encoding="utf-8"))["training"]
                    if (Path(m) / "validation.json").is_file() else None for m in a.models]},
        provenance={"description": f"AU estimator: mean of {len(members)} estimators trained from different seeds",
                    "members": [{"model": str(m), **meta["provenance"]} for m, meta in zip(a.models, metas)],
                    "validationFraction": fraction, "validationOffset": offset})
    return 0


def _label_command(a) -> int:
    torch.set_num_threads(a.threads)
    net, meta = load_estimator(a.model)
    data = load_crops(a.crops, size=meta["input"]["size"])
    aus = predict(net, data.images) * OPENFACE_SCALE
    names: List[str] = [Path(s).name for s in data.sources] if a.by_source else data.names
    if a.match_labels:
        reference = np.stack(list(read_au_csv(a.match_labels).values()))
        aus = match_distribution(aus, reference)
        print(f"pseudo-labels mapped onto the distribution of {len(reference)} labels in {a.match_labels}")
    write_openface_csv(a.out, names, aus)
    print(f"labelled {len(names)} crops -> {a.out}")
    return 0


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
    return {"train": _train_command, "ensemble": _ensemble_command, "label": _label_command}[a.command](a)


if __name__ == "__main__":
    sys.exit(main())
