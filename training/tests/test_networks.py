import torch

from ganimation.paper.networks import Critic, Generator, composite


def test_paper_generator_size_matches_the_paper():
    g = Generator()
    n = sum(p.numel() for p in g.parameters())
    assert 8.4e6 < n < 8.5e6, n
    convs = [m for m in g.modules() if isinstance(m, (torch.nn.Conv2d, torch.nn.ConvTranspose2d))]
    assert all(c.bias is None for c in convs), "the original generator has no conv bias"
    norms = [m for m in g.modules() if isinstance(m, torch.nn.InstanceNorm2d)]
    assert len(norms) == 3 + 12 + 2 and all(n.affine for n in norms)


def test_generator_contract_shapes_and_ranges():
    torch.manual_seed(0)
    g = Generator(conv_dim=8, repeat_num=1).eval()
    image = torch.rand(3, 3, 64, 64) * 2 - 1
    aus = torch.rand(3, 17)
    with torch.no_grad():
        color, attention = g(image, aus)
    assert color.shape == (3, 3, 64, 64) and attention.shape == (3, 1, 64, 64)
    assert color.abs().max() <= 1 and attention.min() >= 0 and attention.max() <= 1
    out = composite(image, color, attention)
    assert torch.allclose(composite(image, color, torch.ones_like(attention)), image)
    assert out.shape == image.shape


def test_generator_output_depends_on_aus():
    torch.manual_seed(1)
    g = Generator(conv_dim=8, repeat_num=1).eval()
    image = torch.rand(1, 3, 32, 32) * 2 - 1
    with torch.no_grad():
        a = g(image, torch.zeros(1, 17))[0]
        b = g(image, torch.ones(1, 17))[0]
    assert (a - b).abs().max() > 1e-3


def test_critic_outputs_patch_map_and_aus():
    d = Critic(image_size=128, conv_dim=8, c_dim=17, repeat_num=6)
    real, aus = d(torch.zeros(2, 3, 128, 128))
    assert real.shape == (2, 1, 2, 2) and aus.shape == (2, 17)
    d1 = Critic(image_size=128, conv_dim=8)
    assert d1(torch.zeros(1, 3, 128, 128))[1].shape == (1, 17)


def test_paper_critic_size():
    n = sum(p.numel() for p in Critic().parameters())
    assert 44.5e6 < n < 45.5e6, n


def _tiled_first_conv(g, image, aus):
    """The first layer as the paper writes it: AUs tiled into full-size planes and concatenated."""
    c = aus.view(aus.size(0), aus.size(1), 1, 1).expand(-1, -1, image.size(2), image.size(3))
    return g.main[0](torch.cat([image, c], dim=1))


def test_first_conv_without_tiling_equals_the_tiled_convolution():
    torch.manual_seed(2)
    for bias in (False, True):
        g = Generator(conv_dim=8, repeat_num=1, conv_bias=bias).eval()
        for h, w in ((128, 128), (24, 40), (7, 9)):
            image = torch.rand(2, 3, h, w) * 2 - 1
            aus = torch.rand(2, 17)
            with torch.no_grad():
                fast = g._first_conv(image, aus)
                tiled = _tiled_first_conv(g, image, aus)
            assert fast.shape == tiled.shape
            assert (fast - tiled).abs().max() < 1e-5, (bias, h, w)


def test_first_conv_gradients_match_the_tiled_convolution():
    torch.manual_seed(3)
    g = Generator(conv_dim=4, repeat_num=1)
    image = torch.rand(1, 3, 16, 16) * 2 - 1
    aus = torch.rand(1, 17, requires_grad=True)
    g._first_conv(image, aus).square().sum().backward()
    fast_w, fast_a = g.main[0].weight.grad.clone(), aus.grad.clone()
    g.zero_grad()
    aus.grad = None
    _tiled_first_conv(g, image, aus).square().sum().backward()
    assert torch.allclose(fast_w, g.main[0].weight.grad, atol=1e-4)
    assert torch.allclose(fast_a, aus.grad, atol=1e-4)


def test_paper_formulation_costs_21_gflop_and_matches_the_forward():
    from ganimation.evaluation.bench import paper_forward, paper_gflop, profile_stages
    g = Generator().eval()
    assert 21.0 < paper_gflop(g, 128) < 21.6
    stages = profile_stages(Generator(conv_dim=4, repeat_num=2).eval(), 16, calls=1)
    assert len(stages) == 5 and all(v > 0 for v in stages.values())
    torch.manual_seed(4)
    small = Generator(conv_dim=8, repeat_num=1).eval()
    image, aus = torch.rand(2, 3, 32, 32) * 2 - 1, torch.rand(2, 17)
    with torch.no_grad():
        for x, y in zip(paper_forward(small, image, aus), small(image, aus)):
            assert (x - y).abs().max() < 1e-5
