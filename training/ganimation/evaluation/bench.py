"""Time the generator of a model directory in eager PyTorch (the peer the Java runtime is compared with),
the machine's matrix-multiply limit, and, with --java, the Java runtime in the same run: one table.

  python3 -m ganimation.evaluation.bench --model-dir DIR [--threads 2] [--frames 50] [--java ./ganimation-bench]

The peer runs the paper's formulation (the AU vector tiled into 17 full-size planes and concatenated
with the image, as the original code does); this package's own forward, which computes the AU planes'
share of the first convolution without tiling them, is timed beside it.
"""
import argparse
import json
import re
import statistics
import subprocess
import sys
import time

import torch
from torch import nn

from ..model_dir import generator_architecture, load_eager_generator, read_metadata
from ..paper.networks import Generator


def paper_forward(g: Generator, image: torch.Tensor, aus: torch.Tensor):
    """The original code's forward: tile, concatenate, convolve."""
    c = aus.view(aus.size(0), aus.size(1), 1, 1).expand(-1, -1, image.size(2), image.size(3))
    features = g.main(torch.cat([image, c], dim=1))
    return g.img_reg(features), g.attention_reg(features)


def time_forward(forward, c_dim: int, batch: int, size: int, calls: int, warmup: int = 5) -> list:
    x = torch.rand(batch, 3, size, size) * 2 - 1
    a = torch.rand(batch, c_dim)
    times = []
    with torch.no_grad():
        for i in range(warmup + calls):
            t = time.perf_counter()
            forward(x, a)
            if i >= warmup:
                times.append((time.perf_counter() - t) * 1000)
    return times


def paper_gflop(g: Generator, size: int) -> float:
    """Multiply-adds x 2 of one frame in the paper's formulation, counted layer by layer."""
    flop = [0]

    def conv_hook(m, inputs, out):
        if isinstance(m, nn.ConvTranspose2d):  # every input element meets the whole kernel once
            flop[0] += 2 * inputs[0].numel() * m.out_channels * m.kernel_size[0] * m.kernel_size[1]
        else:
            flop[0] += 2 * out.numel() * (m.in_channels // m.groups) * m.kernel_size[0] * m.kernel_size[1]

    hooks = [m.register_forward_hook(conv_hook) for m in g.modules() if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d))]
    with torch.no_grad():
        paper_forward(g, torch.zeros(1, 3, size, size), torch.zeros(1, g.c_dim))
    for h in hooks:
        h.remove()
    return flop[0] / 1e9


def profile_stages(g: Generator, size: int, calls: int = 10) -> dict:
    """Milliseconds per frame (batch 1, median) in each stage of the paper's forward, timed by module hooks."""
    r = generator_architecture(g)["repeatNum"]
    stage_of = {}
    for i, m in enumerate(g.main):
        stage_of[m] = ("first conv (7x7, image + AU planes)" if i < 3 else "downsampling" if i < 9
                       else "residual trunk" if i < 9 + r else "upsampling")
    stage_of[g.img_reg] = stage_of[g.attention_reg] = "colour + attention heads"
    started, spent = {}, {}

    def before(m, inputs):
        started[m] = time.perf_counter()

    def after(m, inputs, out):
        spent.setdefault(stage_of[m], []).append(time.perf_counter() - started[m])

    hooks = [m.register_forward_pre_hook(before) for m in stage_of] + [m.register_forward_hook(after) for m in stage_of]
    x, a = torch.rand(1, 3, size, size) * 2 - 1, torch.rand(1, g.c_dim)
    with torch.no_grad():
        for _ in range(3):
            paper_forward(g, x, a)
        spent.clear()
        for _ in range(calls):
            paper_forward(g, x, a)
    for h in hooks:
        h.remove()
    return {k: 1000 * sum(v) / calls for k, v in spent.items()}


def gemm_gflops(dtype: torch.dtype, n: int = 2048, calls: int = 5) -> float:
    a = torch.randn(n, n, dtype=dtype)
    b = torch.randn(n, n, dtype=dtype)
    for _ in range(2):
        a @ b
    t = time.perf_counter()
    for _ in range(calls):
        a @ b
    return 2 * n ** 3 * calls / (time.perf_counter() - t) / 1e9


def java_figures(launcher: str, model_dir: str, frames: int) -> dict:
    """Runs `launcher bench` (the Java runtime) and reads its batch-1 and batch-8 figures."""
    cmd = [launcher, "bench", "--model", model_dir, "--frames", str(frames), "--batches", str(max(3, frames // 4)),
           "--renders", "0"]
    run = subprocess.run(cmd, capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{run.stderr or run.stdout}")
    one = re.search(r"batch 1\s+([\d.]+) ms/frame median, ([\d.]+) p95", run.stdout)
    eight = re.search(r"batch 8\s+[\d.]+ frames/s \(([\d.]+) ms/frame", run.stdout)
    if not one or not eight:
        raise SystemExit(f"unexpected output of {' '.join(cmd)}:\n{run.stdout}")
    return {"batch1": float(one.group(1)), "batch1p95": float(one.group(2)), "batch8": float(eight.group(1))}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python3 -m ganimation.evaluation.bench", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model-dir", required=True)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--frames", type=int, default=50, help="timed batch-1 calls; batch 8 gets a quarter")
    p.add_argument("--java", metavar="LAUNCHER", help="the ganimation-bench launcher: time the Java runtime in this run too")
    p.add_argument("--json", action="store_true", help="print the figures as JSON as well")
    p.add_argument("--profile", action="store_true", help="also time each stage of the network")
    a = p.parse_args(argv)
    torch.set_num_threads(a.threads)
    size = read_metadata(a.model_dir)["input"]["size"]
    g = load_eager_generator(a.model_dir)
    fig = {"torch": torch.__version__, "threads": a.threads, "gflopPerFrame": round(paper_gflop(g, size), 2)}
    for name, fwd in (("paper", lambda x, y: paper_forward(g, x, y)), ("package", g)):
        fig[name] = {"batch1": statistics.median(time_forward(fwd, g.c_dim, 1, size, a.frames)),
                     "batch8": statistics.median(time_forward(fwd, g.c_dim, 8, size, max(3, a.frames // 4),
                                                              warmup=2)) / 8}
    fig["gemm"] = {"fp32": gemm_gflops(torch.float32), "bf16": gemm_gflops(torch.bfloat16)}
    if a.java:
        fig["java"] = java_figures(a.java, a.model_dir, a.frames)

    floor = fig["gflopPerFrame"] / fig["gemm"]["fp32"] * 1000
    print(f"model {a.model_dir}: {fig['gflopPerFrame']:.1f} GFLOP per {size}-px frame (paper's formulation)")
    print(f"GEMM 2048^3, {a.threads} threads: fp32 {fig['gemm']['fp32']:.1f} GFLOP/s (floor {floor:.0f} ms/frame), "
          f"bf16 {fig['gemm']['bf16']:.1f} GFLOP/s")
    print("| runtime | batch 1 (ms/frame) | batch 8 (ms/frame) | batch 1 vs Python eager | share of the fp32 floor |")
    print("| --- | --- | --- | --- | --- |")
    peer = fig["paper"]
    rows = [(f"Python eager, paper's forward (torch {torch.__version__})", peer),
            ("Python eager, this package's forward", fig["package"])]
    if "java" in fig:
        rows.append(("Java (DJL) runtime", fig["java"]))
    for label, r in rows:
        print(f"| {label} | {r['batch1']:.1f} | {r['batch8']:.1f} | {r['batch1'] / peer['batch1']:.2f} "
              f"(batch 8: {r['batch8'] / peer['batch8']:.2f}) | {floor / r['batch1']:.0%} |")
    if a.profile:
        fig["stages"] = profile_stages(g, size)
        total = sum(fig["stages"].values())
        print("| stage (paper's forward, batch 1) | ms/frame | share |")
        print("| --- | --- | --- |")
        for k, v in fig["stages"].items():
            print(f"| {k} | {v:.1f} | {v / total:.0%} |")
    if a.json:
        print(json.dumps(fig))
    return 0


if __name__ == "__main__":
    sys.exit(main())
