"""The converter on synthetic checkpoints of both public layouts.

The source networks below are written independently of ganimation.paper.networks, following each
public implementation's module structure, so the test checks the key mapping and the numerics.
"""
import functools

import pytest
import torch
from torch import nn

from ganimation.model_dir import load_eager_generator
from ganimation.paper.convert import CheckpointMismatch, load_checkpoint, main as convert_main
from ganimation.paper.networks import randomize_norm_affine


class OriginalResidualBlock(nn.Module):
    def __init__(self, dim_in, dim_out):
        super().__init__()
        self.main = nn.Sequential(
            nn.Conv2d(dim_in, dim_out, 3, 1, 1, bias=False), nn.InstanceNorm2d(dim_out, affine=True),
            nn.ReLU(inplace=True),
            nn.Conv2d(dim_out, dim_out, 3, 1, 1, bias=False), nn.InstanceNorm2d(dim_out, affine=True))

    def forward(self, x):
        return x + self.main(x)


class OriginalGenerator(nn.Module):
    """Original implementation: main / img_reg / attetion_reg (sic)."""

    def __init__(self, conv_dim=64, c_dim=17, repeat_num=6):
        super().__init__()
        layers = [nn.Conv2d(3 + c_dim, conv_dim, 7, 1, 3, bias=False), nn.InstanceNorm2d(conv_dim, affine=True),
                  nn.ReLU(inplace=True)]
        d = conv_dim
        for _ in range(2):
            layers += [nn.Conv2d(d, d * 2, 4, 2, 1, bias=False), nn.InstanceNorm2d(d * 2, affine=True),
                       nn.ReLU(inplace=True)]
            d *= 2
        layers += [OriginalResidualBlock(d, d) for _ in range(repeat_num)]
        for _ in range(2):
            layers += [nn.ConvTranspose2d(d, d // 2, 4, 2, 1, bias=False), nn.InstanceNorm2d(d // 2, affine=True),
                       nn.ReLU(inplace=True)]
            d //= 2
        self.main = nn.Sequential(*layers)
        self.img_reg = nn.Sequential(nn.Conv2d(d, 3, 7, 1, 3, bias=False), nn.Tanh())
        self.attetion_reg = nn.Sequential(nn.Conv2d(d, 1, 7, 1, 3, bias=False), nn.Sigmoid())

    def forward(self, x, c):
        c = c.unsqueeze(2).unsqueeze(3).expand(c.size(0), c.size(1), x.size(2), x.size(3))
        f = self.main(torch.cat([x, c], dim=1))
        return self.img_reg(f), self.attetion_reg(f)


class ReplicationResnetBlock(nn.Module):
    def __init__(self, dim, norm_layer, use_bias):
        super().__init__()
        self.conv_block = nn.Sequential(
            nn.Conv2d(dim, dim, 3, padding=1, bias=use_bias), norm_layer(dim), nn.ReLU(True),
            nn.Conv2d(dim, dim, 3, padding=1, bias=use_bias), norm_layer(dim))

    def forward(self, x):
        return x + self.conv_block(x)


class ReplicationGenerator(nn.Module):
    """Later replication: model / color_top / au_top, plain InstanceNorm, biased convs."""

    def __init__(self, img_nc=3, aus_nc=17, ngf=64, n_blocks=6):
        super().__init__()
        norm_layer = functools.partial(nn.InstanceNorm2d, affine=False, track_running_stats=False)
        model = [nn.Conv2d(img_nc + aus_nc, ngf, 7, 1, 3, bias=True), norm_layer(ngf), nn.ReLU(True)]
        for i in range(2):
            mult = 2 ** i
            model += [nn.Conv2d(ngf * mult, ngf * mult * 2, 4, 2, 1, bias=True), norm_layer(ngf * mult * 2),
                      nn.ReLU(True)]
        model += [ReplicationResnetBlock(ngf * 4, norm_layer, True) for _ in range(n_blocks)]
        for i in range(2):
            mult = 2 ** (2 - i)
            model += [nn.ConvTranspose2d(ngf * mult, ngf * mult // 2, 4, 2, 1, output_padding=0, bias=True),
                      norm_layer(ngf * mult // 2), nn.ReLU(True)]
        self.model = nn.Sequential(*model)
        self.color_top = nn.Sequential(nn.Conv2d(ngf, img_nc, 7, 1, 3, bias=False), nn.Tanh())
        self.au_top = nn.Sequential(nn.Conv2d(ngf, 1, 7, 1, 3, bias=False), nn.Sigmoid())

    def forward(self, img, au):
        a = au.unsqueeze(2).unsqueeze(3).expand(au.size(0), au.size(1), img.size(2), img.size(3))
        f = self.model(torch.cat([img, a], dim=1))
        return self.color_top(f), self.au_top(f), f


def _inputs(n=2, size=32, seed=5):
    rng = torch.Generator().manual_seed(seed)
    return torch.rand(n, 3, size, size, generator=rng) * 2 - 1, torch.rand(n, 17, generator=rng)


@pytest.mark.parametrize("layout", ["original", "replication"])
def test_converted_model_directory_reproduces_the_source_network(tmp_path, layout):
    torch.manual_seed(11)
    if layout == "original":
        src = OriginalGenerator(conv_dim=8, repeat_num=3)
        randomize_norm_affine(src, torch.Generator().manual_seed(2))
    else:
        src = ReplicationGenerator(ngf=8, n_blocks=3)
    src.eval()
    ckpt = tmp_path / "net_gen.pth"
    torch.save(src.state_dict(), ckpt)
    assert convert_main([str(ckpt), "--out", str(tmp_path / "model"), "--image-size", "32"]) == 0
    scripted = torch.jit.load(str(tmp_path / "model" / "generator.pt"))
    image, aus = _inputs()
    with torch.no_grad():
        want_c, want_a = src(image, aus)[:2]
        got_c, got_a = scripted(image, aus)
    assert (want_c - got_c).abs().max() < 1e-5
    assert (want_a - got_a).abs().max() < 1e-5
    eager = load_eager_generator(tmp_path / "model")
    assert eager.main[1].affine == (layout == "original")
    assert (eager.main[0].bias is not None) == (layout == "replication")


def test_data_parallel_prefix_and_old_norm_buffers_are_accepted(tmp_path):
    src = OriginalGenerator(conv_dim=4, repeat_num=1).eval()
    state = {"module." + k: v for k, v in src.state_dict().items()}
    state["module.main.1.running_mean"] = torch.zeros(4)
    torch.save(state, tmp_path / "g.pth")
    layout, g = load_checkpoint(tmp_path / "g.pth")
    assert layout == "original" and g.c_dim == 17


def test_mismatched_tensor_is_named(tmp_path):
    state = OriginalGenerator(conv_dim=8, repeat_num=2).state_dict()
    state["main.3.weight"] = torch.zeros(16, 8, 3, 3)
    torch.save(state, tmp_path / "bad.pth")
    with pytest.raises(CheckpointMismatch, match=r"main\.3\.weight has shape \[16, 8, 3, 3\], expected \[16, 8, 4, 4\]"):
        load_checkpoint(tmp_path / "bad.pth")


def test_missing_and_unexpected_tensors_are_named(tmp_path):
    state = ReplicationGenerator(ngf=8, n_blocks=2).state_dict()
    del state["model.9.conv_block.3.bias"]
    torch.save(state, tmp_path / "missing.pth")
    with pytest.raises(CheckpointMismatch, match=r"lacks tensor main\.9\.main\.3\.bias"):
        load_checkpoint(tmp_path / "missing.pth")
    state = OriginalGenerator(conv_dim=8, repeat_num=1).state_dict()
    state["img_reg.0.bias"] = torch.zeros(3)
    torch.save(state, tmp_path / "extra.pth")
    with pytest.raises(CheckpointMismatch, match=r"unexpected tensor img_reg\.0\.bias"):
        load_checkpoint(tmp_path / "extra.pth")


def test_unknown_layout_and_garbage_are_refused(tmp_path, capsys):
    torch.save({"conv.weight": torch.zeros(1)}, tmp_path / "other.pth")
    with pytest.raises(CheckpointMismatch, match="unrecognised checkpoint layout"):
        load_checkpoint(tmp_path / "other.pth")
    (tmp_path / "garbage.pth").write_bytes(b"not a checkpoint")
    assert convert_main([str(tmp_path / "garbage.pth"), "--out", str(tmp_path / "m")]) == 2
    assert "cannot read" in capsys.readouterr().err
    assert not (tmp_path / "m").exists()
