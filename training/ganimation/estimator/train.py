"""The estimator's training loop and its `train` command (one held-out split, or K cross-validation folds).

It is trained on labelled crops with a held-out split it never trains on (by source photo), with
flips, small geometric jitter, colour jitter and down/up-sampling: the labelled frames are small
and soft, the crops it must also read (other datasets, generated faces, users' photos) are sharp.
"""
import json
import time
from pathlib import Path
from typing import Dict, Optional

import numpy as np
import torch
from torch import nn

from ..action_units import au_codes
from ..augment import estimator_augment
from ..data import FaceSet, load_crops, to_model_range
from ..evaluation.metrics import pearson
from ..landmarks import read_landmarks
from .landmark_task import LandmarkTask
from .network import AuEstimator, predict
from .validation import export_with_report, per_au_report, write_json


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
    task = LandmarkTask(train_set, extra, landmarks, landmark_weight) if landmarks else None
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


def train_command(a) -> int:
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
        readings = export_with_report(net, out, val_set, train_crops=len(train_set), training=stats,
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
    write_json(a.out / "crossval.json", report)
    for code, v in report["pooled"].items():
        folds = [f[code] for f in per_fold if f[code] is not None]
        print(f"{code}: pooled r={v['pearson']} (folds {min(folds):.2f}-{max(folds):.2f})")
    print(f"wrote {a.out / 'crossval.json'}")
    return 0
