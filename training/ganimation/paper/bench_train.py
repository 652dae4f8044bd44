"""Trainer throughput: images/s over whole GANimation iterations (critic_steps critic batches + one
generator step), for one or more configurations, on the given crops.

  python3 -m ganimation.paper.bench_train --crops CROPS --labels LABELS.csv \\
      --config paper --config conv_dim=32,repeat_num=4,critic_dim=32,batch=16 [--iterations 2]
"""
import argparse
import json
import sys
import time

import torch

from ..data import load_crops
from .options import TrainConfig, parse_value
from .trainer import Trainer


def parse_config(text: str) -> dict:
    if text == "paper":
        return {}
    out = {}
    for item in text.split(","):
        k, _, v = item.partition("=")
        out[k.strip()] = parse_value(v.strip())
    return out


def measure(cfg: TrainConfig, data, device: str, iterations: int) -> dict:
    t = Trainer(cfg, data, device=device)
    for _ in range(cfg.critic_steps):  # warm-up: one whole iteration
        t.step()
    if device == "cuda":
        torch.cuda.synchronize()
    start = time.perf_counter()
    n = iterations * cfg.critic_steps
    for _ in range(n):
        t.step()
    if device == "cuda":
        torch.cuda.synchronize()
    seconds = time.perf_counter() - start
    return {"imagesPerSecond": round(n * cfg.batch / seconds, 2),
            "secondsPerIteration": round(seconds / iterations, 3),
            "generatorParameters": sum(p.numel() for p in t.G.parameters()),
            "criticParameters": sum(p.numel() for p in t.D.parameters())}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python3 -m ganimation.paper.bench_train", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--crops", required=True)
    p.add_argument("--labels", required=True)
    p.add_argument("--config", action="append", required=True, help="'paper' or key=value,key=value")
    p.add_argument("--iterations", type=int, default=2, help="whole iterations timed after one warm-up")
    p.add_argument("--device", default="cpu")
    p.add_argument("--threads", type=int)
    a = p.parse_args(argv)
    if a.threads:
        torch.set_num_threads(a.threads)
    data = load_crops(a.crops, a.labels, limit=400)
    for text in a.config:
        cfg = TrainConfig.from_dict(parse_config(text))
        result = measure(cfg, data, a.device, a.iterations)
        print(json.dumps({"config": text, "device": a.device, "threads": torch.get_num_threads(),
                          "batch": cfg.batch, **result}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
