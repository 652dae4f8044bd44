"""Trains the warp-residual generator on a bank of teacher targets; stops after --minutes or --steps and
continues from its checkpoint when run again (on this CPU or, with --device cuda, on a GPU machine).

    python3 -m ganimation.warpgen.train --bank BANK_DIR [BANK_DIR ...] --run RUN_DIR --minutes 9
    python3 -m ganimation.warpgen.train ... --export MODEL_DIR     # writes the model directory afterwards

RUN_DIR holds generator.pt (fp32 weights), optimizer.pt (its Adam moments in bfloat16) and state.json (step,
options, recent losses); each file stays far below 16 MiB so a GPU run can carry and return them.
"""
import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import torch

from ..model_dir import atomic_write
from .losses import WEIGHTS, generator_losses, lid_losses, total
from .network import WarpResidualGenerator, load_weights
from .teacher import AU45


# A lift head learns from lids closing, which one target in eight asks for: half of its batches are those.
LIFT_CLOSING_SHARE = 0.5


class Bank:
    """The samples of one or more banks, read on demand (memory-mapped)."""

    def __init__(self, dirs):
        self.parts = []
        for d in dirs:
            d = Path(d)
            self.parts.append({k: np.load(d / f"{k}.npy", mmap_mode="r")
                               for k in ("faces", "index", "own", "target", "flow", "fill", "weight")})
        self.sizes = [len(p["index"]) for p in self.parts]
        # the samples whose target closes the eyes further than the face's own (what a lift head learns from)
        self.closing = [np.flatnonzero(p["target"][:, AU45] - p["own"][:, AU45] > 0.05) for p in self.parts]

    def __len__(self):
        return sum(self.sizes)

    def batch(self, rng: np.random.Generator, n: int, device, closing_share: float = 0.0) -> dict:
        """n samples; with `closing_share`, about that share of them from those whose target closes the eyes."""
        part = rng.choice(len(self.parts), size=n, p=np.array(self.sizes) / len(self))
        faces, own, target, flow, fill, weight = [], [], [], [], [], []
        for pi in part:
            p = self.parts[pi]
            if rng.random() < closing_share and len(self.closing[pi]):
                k = int(rng.choice(self.closing[pi]))
            else:
                k = int(rng.integers(len(p["index"])))
            faces.append(p["faces"][p["index"][k]])
            own.append(p["own"][k])
            target.append(p["target"][k])
            flow.append(p["flow"][k].astype(np.float32))
            fill.append(p["fill"][k])
            weight.append(p["weight"][k])
        b = {
            "face": torch.from_numpy(np.stack(faces)).permute(0, 3, 1, 2).float() / 255,
            "own": torch.from_numpy(np.stack(own)),
            "target": torch.from_numpy(np.stack(target)),
            "flow": torch.from_numpy(np.stack(flow)),
            "fill": torch.from_numpy(np.stack(fill)).float() / 255,
            "weight": torch.from_numpy(np.stack(weight)).float().unsqueeze(1) / 255,
        }
        # Mirror half the batch (every AU here is symmetric): the flow's x component changes sign.
        m = torch.from_numpy(rng.random(n) < 0.5)
        for key in ("face", "flow", "fill", "weight"):
            b[key] = torch.where(m.view(-1, 1, 1, 1), b[key].flip(3), b[key])
        b["flow"][:, 0] = torch.where(m.view(-1, 1, 1), -b["flow"][:, 0], b["flow"][:, 0])
        # Lighting: the same gain on the photo and on the mouth it should show.
        gain = torch.from_numpy(rng.uniform(0.75, 1.2, size=(n, 1, 1, 1))).float()
        b["face"] = (b["face"] * gain).clamp(0, 1)
        b["fill"] = (b["fill"] * gain).clamp(0, 1)
        return {k: v.to(device) for k, v in b.items()}


def save_checkpoint(run: Path, g, opt, state: dict) -> None:
    run.mkdir(parents=True, exist_ok=True)
    atomic_write(run / "generator.pt", lambda p: torch.save(g.state_dict(), p))
    half = opt.state_dict()
    # bfloat16, not float16: Adam's second moments fall below float16's smallest number and would come back 0
    half["state"] = {k: {n: (t.bfloat16() if torch.is_tensor(t) and t.is_floating_point() and t.dim() > 0 else t)
                         for n, t in s.items()} for k, s in half["state"].items()}
    atomic_write(run / "optimizer.pt", lambda p: torch.save(half, p))
    atomic_write(run / "state.json", lambda p: Path(p).write_text(json.dumps(state, indent=1), encoding="utf-8"))


def load_checkpoint(run: Path, g, opt, device):
    if not (run / "state.json").is_file():
        return {"step": 0, "losses": []}
    g.load_state_dict(torch.load(run / "generator.pt", map_location=device))
    if (run / "optimizer.pt").is_file():
        o = torch.load(run / "optimizer.pt", map_location=device)
        o["state"] = {k: {n: (t.float() if torch.is_tensor(t) and t.is_floating_point() and t.dim() > 0 else t)
                          for n, t in s.items()} for k, s in o["state"].items()}
        opt.load_state_dict(o)
    else:
        print(f"{run} has no optimizer.pt: Adam starts afresh from these weights", flush=True)
    return json.loads((run / "state.json").read_text(encoding="utf-8"))


def learning_rate(step: int, total_steps: int, peak: float) -> float:
    warm = 200
    if step < warm:
        return peak * (step + 1) / warm
    t = min(1.0, (step - warm) / max(1, total_steps - warm))
    return peak * (0.05 + 0.95 * 0.5 * (1 + np.cos(np.pi * t)))


def train(a) -> dict:
    torch.set_num_threads(a.threads)
    device = torch.device(a.device)
    run = Path(a.run)
    # the network's outputs depend on the composition, so a run's own choice is read before it is built
    saved = json.loads((run / "state.json").read_text(encoding="utf-8")) if (run / "state.json").is_file() else {}
    a.lift = saved.get("lift", False if saved.get("step") else a.lift)
    g = WarpResidualGenerator(width=a.width, blocks=a.blocks, lift=a.lift).to(device)
    if a.lift and not saved and not a.init:
        raise SystemExit("a lift run adds a head to a trained warp network: give that run with --init")
    # a lift network trains only its head
    opt = torch.optim.Adam([p for p in g.parameters() if p.requires_grad], lr=a.lr, betas=(0.9, 0.99))
    state = load_checkpoint(run, g, opt, device)
    # a run keeps the composition and the losses it started with (older runs have no such keys)
    a.soft_paint = state.get("softPaint", False if state["step"] else a.soft_paint)
    if a.lift and a.soft_paint:
        print("--soft-paint is not used with --lift: lift composes its own colour where it lays pixels in",
              flush=True)
        a.soft_paint = False
    g.soft_paint = a.soft_paint
    a.flow_emphasis = state.get("flowEmphasis", 0.0 if state["step"] else a.flow_emphasis)
    a.fill_margin = state.get("fillMargin", 0.0 if state["step"] else a.fill_margin)
    if not state["step"] and a.init:
        # a new run that starts from another run's weights (with its own optimiser and schedule); a lift
        # run may start from a plain one
        init = Path(a.init) / "state.json"
        if init.is_file() and json.loads(init.read_text(encoding="utf-8")).get("lift", False) and not a.lift:
            raise SystemExit(f"{a.init} is a lift run: a run started from it needs --lift")
        load_weights(g, torch.load(Path(a.init) / "generator.pt", map_location=device))
        print(f"starting from the weights in {a.init}", flush=True)
    if state["step"]:
        if state.get("width", a.width) != a.width or state.get("blocks", a.blocks) != a.blocks:
            raise SystemExit(f"{run} holds a width-{state['width']} generator with {state['blocks']} blocks")
        print(f"continuing {run} from step {state['step']}", flush=True)
    reader = torch.jit.load(a.reader, map_location=device).eval() if a.reader else None
    if reader is not None:
        for p in reader.parameters():
            p.requires_grad_(False)
    bank = Bank(a.bank)
    rng = np.random.default_rng(a.seed + state["step"])
    start = time.time()
    step = state["step"]
    recent = []
    g.train()
    while step < a.total_steps and (a.steps is None or step < state["step"] + a.steps) \
            and (a.minutes is None or time.time() - start < 60 * a.minutes):
        for group in opt.param_groups:
            group["lr"] = learning_rate(step, a.total_steps, a.lr)
        b = bank.batch(rng, a.batch, device, LIFT_CLOSING_SHARE if a.lift else 0.0)
        x = b["face"] * 2 - 1
        n = x.shape[0]
        # one pass for the target and the face's own AUs together: the loss is about the change between them
        flow, residual, attention = g(torch.cat([x, x]), torch.cat([b["target"], b["own"]]))
        out, out_own = (flow[:n], residual[:n], attention[:n]), (flow[n:], residual[n:], attention[n:])
        if a.lift:
            terms = lid_losses(b["face"], out, b, out_own, a.fill_margin or 0.08)
        else:
            terms = generator_losses(b["face"], b["target"], out, b, reader, out_own, a.soft_paint,
                                     a.flow_emphasis, a.fill_margin)
        loss = total(terms)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        step += 1
        recent.append({k: round(float(v), 5) for k, v in terms.items()})
        if step % a.log_every == 0:
            mean = {k: round(float(np.mean([r[k] for r in recent[-a.log_every:]])), 5) for k in recent[-1]}
            print(f"step {step}  {mean}  {(time.time() - start) / (step - state['step']):.2f} s/step", flush=True)
        if step % a.save_every == 0:
            save_checkpoint(run, g, opt, _state(a, step, recent))
    save_checkpoint(run, g, opt, _state(a, step, recent))
    print(f"stopped at step {step} of {a.total_steps}; checkpoint in {run}", flush=True)
    return {"step": step, "generator": g.eval().cpu()}


def _state(a, step, recent):
    return {"step": step, "width": a.width, "blocks": a.blocks, "totalSteps": a.total_steps, "batch": a.batch,
            "lr": a.lr, "init": a.init, "softPaint": a.soft_paint, "lift": a.lift,
            "flowEmphasis": a.flow_emphasis, "fillMargin": a.fill_margin, "weights": WEIGHTS, "bank": [str(b) for b in a.bank], "recent": recent[-50:]}


def parse_args(argv):
    p = argparse.ArgumentParser(prog="python3 -m ganimation.warpgen.train", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--bank", nargs="+", required=True, help="bank folders (ganimation.warpgen.targets bank)")
    p.add_argument("--run", required=True, help="checkpoint folder; a run there is continued")
    p.add_argument("--minutes", type=float, default=None, help="stop after this long (then save)")
    p.add_argument("--steps", type=int, default=None, help="stop after this many steps in this call")
    p.add_argument("--total-steps", type=int, default=20000, help="length of the whole run (learning-rate schedule)")
    p.add_argument("--batch", type=int, default=8, help="faces a step (each at its target and its own AUs)")
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--width", type=int, default=16)
    p.add_argument("--blocks", type=int, default=2)
    p.add_argument("--device", default="cpu")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--soft-paint", action="store_true",
                   help="a new run softens the warped photo where the residual paints (network.PAINT_FROM; "
                   "model-core's warp-soft-paint-generator) instead of warp + residual everywhere")
    p.add_argument("--lift", action="store_true",
                   help="a new run adds a head that closes the lids with the face's own skin (a source flow and "
                   "a paint mask: network's docstring; export's warp-lift-generator) to the warp network given "
                   "by --init, which stays frozen; it supersedes --soft-paint")
    p.add_argument("--flow-emphasis", type=float, default=0.0,
                   help="a new run weighs each flow error by 1 + this x the teacher's motion there in pixels "
                   "(losses.generator_losses); a run keeps the value it started with")
    p.add_argument("--fill-margin", type=float, default=0.0,
                   help="a new run teaches the new pixels over the teacher's fill grown by this share of the "
                   "side (losses.generator_losses); a run keeps the value it started with")
    p.add_argument("--init", default=None, help="a run folder whose generator weights a new run starts from")
    p.add_argument("--reader", default=None, help="a frozen AU estimator (TorchScript) whose reading of the edit "
                                                   "should match the target")
    p.add_argument("--log-every", type=int, default=50)
    p.add_argument("--save-every", type=int, default=200)
    p.add_argument("--export", default=None, help="write a model directory from the checkpoint when done")
    return p.parse_args(argv)


def main(argv=None) -> int:
    a = parse_args(argv)
    result = train(a)
    if a.export:
        from .export import export_warp_generator
        print(export_warp_generator(result["generator"], a.export, steps=result["step"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
