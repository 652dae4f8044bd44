"""Time the eager PyTorch generator of a model directory (the peer the Java runtime is compared with).

  python3 -m ganimation.bench --model-dir DIR [--threads 2] [--frames 50]
"""
import argparse
import statistics
import sys
import time

import torch

from .model_dir import load_eager_generator, read_metadata


def time_forward(g, batch: int, size: int, calls: int, warmup: int = 5) -> list:
    x = torch.rand(batch, 3, size, size) * 2 - 1
    a = torch.rand(batch, g.c_dim)
    times = []
    with torch.no_grad():
        for i in range(warmup + calls):
            t = time.perf_counter()
            g(x, a)
            if i >= warmup:
                times.append((time.perf_counter() - t) * 1000)
    return times


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python3 -m ganimation.bench", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model-dir", required=True)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--frames", type=int, default=50, help="timed batch-1 calls; batch 8 gets a quarter")
    a = p.parse_args(argv)
    torch.set_num_threads(a.threads)
    size = read_metadata(a.model_dir)["input"]["size"]
    g = load_eager_generator(a.model_dir)
    one = statistics.median(time_forward(g, 1, size, a.frames))
    eight = statistics.median(time_forward(g, 8, size, max(3, a.frames // 4), warmup=2)) / 8
    print(f"PyTorch {torch.__version__} eager, {a.threads} threads: batch 1 {one:.1f} ms/frame, "
          f"batch 8 {eight:.1f} ms/frame ({1000 / eight:.1f} frames/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
