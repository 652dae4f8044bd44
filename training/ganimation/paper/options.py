"""Training settings of the paper generator (`TrainConfig`) and how a run folder, a JSON file and
`--set key=value` overrides make them."""
import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path


@dataclass
class TrainConfig:
    image_size: int = 128
    conv_dim: int = 64           # generator width (paper: 64)
    repeat_num: int = 6          # generator residual blocks (paper: 6)
    critic_dim: int = 64         # critic width (paper: 64)
    critic_repeat: int = 6       # critic stride-2 convolutions (paper: 6)
    batch: int = 25
    lr_g: float = 1e-4
    lr_d: float = 1e-4
    beta1: float = 0.5
    beta2: float = 0.999
    critic_steps: int = 5        # a generator step every this many critic steps
    epochs: float = 30           # passes over the training crops (critic batches)
    decay_epochs: float = 10     # the last epochs, over which the learning rates fall linearly to 0
    lambda_adv: float = 1.0      # WGAN term (official lambda_D_prob)
    lambda_gp: float = 10.0
    lambda_d_cond: float = 4000.0  # AU regression on real faces (critic); divided by the batch, as officially
    lambda_g_cond: float = 4000.0  # AU regression on generated faces (generator); likewise
    lambda_cyc: float = 10.0
    lambda_mask: float = 0.1
    lambda_mask_smooth: float = 1e-5  # on the unnormalised total variation sum, as officially
    au_noise: float = 0.1        # uniform noise added to the borrowed target AUs
    hflip: bool = True
    gp_separate_step: bool = True  # official: the gradient penalty gets its own critic optimiser step
    seed: int = 0
    amp: bool = True             # bf16 autocast on CUDA
    channels_last: bool = True   # on CUDA
    cpu_bf16: bool = False       # bf16 autocast on CPU (worth it only with AVX-512 BF16 / AMX)
    critic_au_warmup: int = 0    # AU-regression-only critic batches before the GAN starts (0: the paper's cold start)
    log_every: int = 50          # critic iterations between log lines
    checkpoint_every: int = 500  # critic iterations between checkpoints

    @staticmethod
    def from_dict(d: dict) -> "TrainConfig":
        names = {f.name for f in dataclasses.fields(TrainConfig)}
        unknown = set(d) - names
        if unknown:
            raise ValueError(f"unknown training settings: {', '.join(sorted(unknown))}")
        return TrainConfig(**d)


def parse_value(text: str):
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text


def load_config(run: Path, config_file, overrides) -> TrainConfig:
    stored = run / "config.json"
    base = json.loads(stored.read_text(encoding="utf-8")) if stored.is_file() else {}
    if config_file:
        base.update(json.loads(Path(config_file).read_text(encoding="utf-8")))
    for item in overrides or []:
        key, sep, value = item.partition("=")
        if not sep:
            raise SystemExit(f"--set needs key=value, got '{item}'")
        base[key.strip()] = parse_value(value.strip())
    try:
        return TrainConfig.from_dict(base)
    except (TypeError, ValueError) as e:
        raise SystemExit(f"bad training settings: {e}")
