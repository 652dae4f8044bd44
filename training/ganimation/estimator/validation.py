"""The estimator's held-out figures: per-AU r and MAE, written beside the exported model directory."""
import json
from pathlib import Path

import numpy as np
import torch

from ..action_units import au_codes
from ..data import FaceSet
from ..evaluation.metrics import pearson
from ..model_dir import atomic_write, export_estimator
from .network import predict


def per_au_report(target: np.ndarray, predicted: np.ndarray) -> dict:
    r = pearson(target, predicted)
    mae = np.abs(target - predicted).mean(0)
    return {code: {"pearson": None if np.isnan(r[i]) else round(float(r[i]), 4),
                   "mae": round(float(mae[i]), 4), "targetMean": round(float(target[:, i].mean()), 4),
                   "targetStd": round(float(target[:, i].std()), 4)}
            for i, code in enumerate(au_codes())}


def export_with_report(net, out_dir, val_set: FaceSet, train_crops: int, training: dict, image_size: int,
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
    write_json(Path(out) / "validation.json", report)
    for code, v in report["validation"].items():
        print(f"{code}: r={v['pearson']} mae={v['mae']}")
    print(f"wrote {out}")
    return readings


def write_json(path: Path, value) -> None:
    atomic_write(path, lambda tmp: Path(tmp).write_text(json.dumps(value, indent=2) + "\n", encoding="utf-8"))
