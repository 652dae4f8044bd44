"""GANimation training, as in the paper and the official code (Pumarola et al., ECCV 2018).

Every critic iteration: WGAN critic loss on real and generated faces plus the AU regression loss on
real faces, then the gradient penalty in its own optimiser step (as the official code does). Every
`critic_steps`-th iteration the generator also steps: adversarial + AU regression on the generated
face, cycle L1 back to the input at its own AUs, attention mean and total-variation losses on both
attention masks. Target AUs are another training face's AUs plus uniform noise; horizontal flips are
the only augmentation. Learning rates stay at their start value, then decay linearly to 0.

All randomness comes from one seeded torch.Generator whose state is checkpointed, so a resumed run
continues exactly as the uninterrupted run would have.
"""
import dataclasses
import json
import math
import time
import warnings
from pathlib import Path
from typing import Dict, List, Optional

import torch
import torch.nn.functional as F

from ..data import FaceSet, to_model_range
from ..model_dir import atomic_write
from .losses import au_regression_loss, gradient_penalty, total_variation
from .networks import Critic, Generator, composite
from .options import TrainConfig

MASK_RANGE = (0.05, 0.98)


def _atomic_save(obj, path: Path) -> None:
    atomic_write(path, lambda tmp: torch.save(obj, tmp))


class Trainer:
    def __init__(self, config: TrainConfig, data: FaceSet, device: str = "cpu", log_file: Optional[Path] = None):
        if data.aus is None:
            raise ValueError("training needs AU labels for every crop")
        if data.images.shape[-1] != config.image_size:
            raise ValueError(f"crops are {data.images.shape[-1]} px, the configuration says {config.image_size}")
        if len(data) < config.batch:
            raise ValueError(f"{len(data)} crops are fewer than one batch of {config.batch}")
        self.cfg = config
        self.data = data
        self.device = torch.device(device)
        self.cuda = self.device.type == "cuda"
        self.log_file = log_file
        torch.manual_seed(config.seed)  # initial weights
        self.G = Generator(conv_dim=config.conv_dim, repeat_num=config.repeat_num, c_dim=data.aus.shape[1]).to(self.device)
        self.D = Critic(image_size=config.image_size, conv_dim=config.critic_dim, c_dim=data.aus.shape[1],
                        repeat_num=config.critic_repeat).to(self.device)
        if self.cuda and config.channels_last:
            self.G = self.G.to(memory_format=torch.channels_last)
            self.D = self.D.to(memory_format=torch.channels_last)
        self.opt_g = torch.optim.Adam(self.G.parameters(), lr=config.lr_g, betas=(config.beta1, config.beta2))
        self.opt_d = torch.optim.Adam(self.D.parameters(), lr=config.lr_d, betas=(config.beta1, config.beta2))
        self.rng = torch.Generator().manual_seed(config.seed)  # data order, flips, target AUs, GP mixing
        self.iteration = 0  # critic iterations done
        self.warmup_done = 0  # AU-regression-only critic batches done
        self.batches_per_epoch = len(data) // config.batch
        self.total_iterations = max(1, int(round(config.epochs * self.batches_per_epoch)))
        self.decay_iterations = int(round(config.decay_epochs * self.batches_per_epoch))
        self._order = None
        self._order_epoch = -1
        self._window: Dict[str, List[float]] = {}
        self._window_start = time.time()
        self._window_images = 0

    # ---------------------------------------------------------------- schedule and data

    def lr_factor(self, iteration: int) -> float:
        left = self.total_iterations - iteration
        if self.decay_iterations <= 0 or left >= self.decay_iterations:
            return 1.0
        return max(0.0, left / self.decay_iterations)

    def _batch_indices(self, iteration: int) -> torch.Tensor:
        epoch, pos = divmod(iteration, self.batches_per_epoch)
        if epoch != self._order_epoch:
            # Each epoch's order depends only on (seed, epoch): a resumed run sees the same batches.
            self._order = torch.randperm(len(self.data), generator=torch.Generator().manual_seed(
                self.cfg.seed * 1_000_003 + epoch))
            self._order_epoch = epoch
        b = self.cfg.batch
        return self._order[pos * b:(pos + 1) * b]

    def _next_batch(self, position: Optional[int] = None):
        idx = self._batch_indices(self.iteration if position is None else position)
        real = to_model_range(self.data.images[idx])
        real_aus = self.data.aus[idx].clone()
        if self.cfg.hflip:
            flip = torch.rand(len(idx), generator=self.rng) < 0.5
            real = torch.where(flip.view(-1, 1, 1, 1), real.flip(3), real)
        # Target: another training face's AUs plus uniform noise (the official recipe), kept in [0, 1].
        other = torch.randint(0, len(self.data), (len(idx),), generator=self.rng)
        noise = (torch.rand(len(idx), real_aus.shape[1], generator=self.rng) * 2 - 1) * self.cfg.au_noise
        target = (self.data.aus[other] + noise).clamp(0, 1)
        alpha = torch.rand(len(idx), 1, 1, 1, generator=self.rng)
        to = dict(device=self.device, non_blocking=True)
        if self.cuda and self.cfg.channels_last:
            real = real.contiguous(memory_format=torch.channels_last)
        return real.to(**to), real_aus.to(**to), target.to(**to), alpha.to(**to)

    def _autocast(self):
        if self.cuda and self.cfg.amp:
            return torch.autocast("cuda", dtype=torch.bfloat16)
        if not self.cuda and self.cfg.cpu_bf16:
            return torch.autocast("cpu", dtype=torch.bfloat16)
        return torch.autocast(self.device.type, enabled=False)

    # ---------------------------------------------------------------- one iteration

    def warm_up_critic(self) -> Dict[str, float]:
        """One batch of AU regression on real faces for the critic alone.

        A cold critic's AU head predicts the label mean for a long while, so the generator's AU loss
        carries no direction and copying the input (attention near 1) is its cheapest answer; on CPU
        budgets that is where training stalls. Warming the head first gives the AU loss a direction
        from the generator's first step."""
        real, real_aus, _, _ = self._next_batch(self.warmup_done)
        self.D.train()
        with self._autocast():
            _, d_real_aus = self.D(real)
            loss = au_regression_loss(d_real_aus, real_aus, self.cfg.lambda_d_cond)
        self.opt_d.zero_grad(set_to_none=True)
        loss.backward()
        self.opt_d.step()
        self.warmup_done += 1
        return {"warmup_d_cond": loss.item()}

    def step(self) -> Dict[str, float]:
        """One critic iteration, plus a generator step every `critic_steps` iterations. Returns its losses."""
        c = self.cfg
        f = self.lr_factor(self.iteration)
        for g in self.opt_g.param_groups:
            g["lr"] = c.lr_g * f
        for g in self.opt_d.param_groups:
            g["lr"] = c.lr_d * f
        real, real_aus, target, alpha = self._next_batch()
        out: Dict[str, float] = {"lr_factor": f}

        # Critic.
        self.G.train()
        self.D.train()
        with self._autocast():
            with torch.no_grad():
                color, att = self.G(real, target)
                fake = composite(real, color, att).float()
            d_real, d_real_aus = self.D(real)
            d_fake, _ = self.D(fake)
            loss_d_real = -d_real.float().mean() * c.lambda_adv
            loss_d_fake = d_fake.float().mean() * c.lambda_adv
            loss_d_cond = au_regression_loss(d_real_aus, real_aus, c.lambda_d_cond)
            loss_d = loss_d_real + loss_d_fake + loss_d_cond
        if c.gp_separate_step:
            self.opt_d.zero_grad(set_to_none=True)
            loss_d.backward()
            self.opt_d.step()
        loss_gp = gradient_penalty(self.D, real, fake, alpha, c.lambda_gp, self._autocast())
        if c.gp_separate_step:
            self.opt_d.zero_grad(set_to_none=True)
            loss_gp.backward()
        else:
            self.opt_d.zero_grad(set_to_none=True)
            (loss_d + loss_gp).backward()
        self.opt_d.step()
        v = self._value
        out.update(d_real=v(loss_d_real), d_fake=v(loss_d_fake), d_cond=v(loss_d_cond),
                   d_gp=v(loss_gp), wasserstein=v(-(loss_d_real + loss_d_fake) / max(c.lambda_adv, 1e-12)))

        # Generator.
        if (self.iteration + 1) % c.critic_steps == 0:
            with self._autocast():
                color, att = self.G(real, target)
                fake = composite(real, color, att)
                g_fake, g_fake_aus = self.D(fake)
                rec_color, rec_att = self.G(fake, real_aus)
                rec = composite(fake, rec_color, rec_att)
                loss_g_adv = -g_fake.float().mean() * c.lambda_adv
                loss_g_cond = au_regression_loss(g_fake_aus, target, c.lambda_g_cond)
                loss_g_cyc = F.l1_loss(rec.float(), real.float()) * c.lambda_cyc
                att_f, rec_att_f = att.float(), rec_att.float()
                loss_g_mask = (att_f.mean() + rec_att_f.mean()) * c.lambda_mask
                loss_g_smooth = (total_variation(att_f) + total_variation(rec_att_f)) * c.lambda_mask_smooth
                loss_g = loss_g_adv + loss_g_cond + loss_g_cyc + loss_g_mask + loss_g_smooth
            self.opt_g.zero_grad(set_to_none=True)
            loss_g.backward()
            self.opt_g.step()
            out.update(g_adv=v(loss_g_adv), g_cond=v(loss_g_cond), g_cyc=v(loss_g_cyc),
                       g_mask=v(loss_g_mask), g_smooth=v(loss_g_smooth), g_total=v(loss_g),
                       mask_mean=v(att_f.mean()), rec_mask_mean=v(rec_att_f.mean()))
        self.iteration += 1
        return out

    def _value(self, loss: torch.Tensor):
        # On CUDA a loss stays on the device until its log line: reading it back every step would make
        # the CPU wait for the GPU each iteration instead of queueing the next one.
        return loss.detach() if self.cuda else loss.item()

    # ---------------------------------------------------------------- loop, logging, checkpoints

    def train(self, iterations: Optional[int] = None, max_seconds: Optional[float] = None,
              checkpoint_dir: Optional[Path] = None, echo=print) -> int:
        """Runs until `iterations` more (or the schedule's end, or max_seconds); returns iterations done."""
        end = self.total_iterations if iterations is None else min(self.total_iterations, self.iteration + iterations)
        start_time = time.time()
        while self.warmup_done < self.cfg.critic_au_warmup:
            losses = self.warm_up_critic()
            if self.warmup_done % self.cfg.log_every == 0:
                echo(json.dumps({"warmup": self.warmup_done, **{k: round(v, 6) for k, v in losses.items()}}))
                if self.log_file is not None:
                    with open(self.log_file, "a", encoding="utf-8") as fh:
                        fh.write(json.dumps({"warmup": self.warmup_done, **losses}) + "\n")
            if checkpoint_dir is not None and self.warmup_done % self.cfg.checkpoint_every == 0:
                self.save(checkpoint_dir)
        done = 0
        while self.iteration < end:
            losses = self.step()
            done += 1
            self._record(losses, echo)
            if checkpoint_dir is not None and self.iteration % self.cfg.checkpoint_every == 0:
                self.save(checkpoint_dir)
            if max_seconds is not None and time.time() - start_time > max_seconds:
                break
        if checkpoint_dir is not None:
            self.save(checkpoint_dir)
        return done

    def _record(self, losses: Dict[str, float], echo) -> None:
        for k, v in losses.items():
            self._window.setdefault(k, []).append(v)
            if not torch.is_tensor(v) and not math.isfinite(v):
                raise FloatingPointError(f"loss {k} is {v} at iteration {self.iteration}")
        self._window_images += self.cfg.batch
        if self.iteration % self.cfg.log_every != 0:
            return
        for k, vs in self._window.items():
            vs[:] = [x.item() if torch.is_tensor(x) else x for x in vs]
            if not all(math.isfinite(x) for x in vs):
                raise FloatingPointError(f"loss {k} was not finite in the iterations up to {self.iteration}")
        seconds = time.time() - self._window_start
        line = {"iteration": self.iteration, "epoch": round(self.iteration / self.batches_per_epoch, 3),
                **{k: round(sum(v) / len(v), 6) for k, v in self._window.items()},
                "images_per_second": round(self._window_images / max(seconds, 1e-9), 2)}
        mean_a = line.get("mask_mean")
        if mean_a is not None and not (MASK_RANGE[0] <= mean_a <= MASK_RANGE[1]):
            msg = (f"mean attention {mean_a:.3f} left [{MASK_RANGE[0]}, {MASK_RANGE[1]}] at iteration "
                   f"{self.iteration}: the mask is saturating (output = {'colour mask' if mean_a < 0.5 else 'input'})")
            line["warning"] = msg
            warnings.warn(msg)
        if self.log_file is not None:
            with open(self.log_file, "a", encoding="utf-8") as fh:
                fh.write(json.dumps(line) + "\n")
        echo(json.dumps(line))
        self._window = {}
        self._window_start = time.time()
        self._window_images = 0

    def save(self, checkpoint_dir: Path, half: bool = False) -> None:
        """generator.pt and critic.pt (plain state_dicts, fp16 if `half`) and state.pt (the rest)."""
        d = Path(checkpoint_dir)
        d.mkdir(parents=True, exist_ok=True)

        def plain(module):
            return {k: (v.detach().cpu().half() if half and v.is_floating_point() else v.detach().cpu())
                    for k, v in module.state_dict().items()}

        _atomic_save(plain(self.G), d / "generator.pt")
        _atomic_save(plain(self.D), d / "critic.pt")
        _atomic_save({"iteration": self.iteration, "warmup_done": self.warmup_done, "rng": self.rng.get_state(), "config": dataclasses.asdict(self.cfg),
                      "opt_g": self.opt_g.state_dict(), "opt_d": self.opt_d.state_dict(),
                      "crops": len(self.data)}, d / "state.pt")

    def load(self, checkpoint_dir: Path) -> None:
        d = Path(checkpoint_dir)
        state = torch.load(d / "state.pt", map_location="cpu")
        self.G.load_state_dict({k: v.float() for k, v in torch.load(d / "generator.pt", map_location="cpu").items()})
        self.D.load_state_dict({k: v.float() for k, v in torch.load(d / "critic.pt", map_location="cpu").items()})
        self.opt_g.load_state_dict(state["opt_g"])
        self.opt_d.load_state_dict(state["opt_d"])
        self.rng.set_state(state["rng"])
        self.iteration = state["iteration"]
        self.warmup_done = state.get("warmup_done", 0)
        if state.get("crops") not in (None, len(self.data)):
            warnings.warn(f"the checkpoint was trained on {state['crops']} crops, this data has {len(self.data)}")
