"""The loss terms of GANimation training that are more than one line, as the official code computes them."""
import torch
import torch.nn.functional as F


def au_regression_loss(predicted: torch.Tensor, target: torch.Tensor, weight: float) -> torch.Tensor:
    # Official: MSE (mean over batch and AUs) divided again by the batch size, times lambda.
    return F.mse_loss(predicted.float(), target) / predicted.size(0) * weight


def total_variation(mask: torch.Tensor) -> torch.Tensor:
    """Sum of absolute neighbour differences (the official code's unnormalised smoothness term)."""
    return (mask[:, :, :, :-1] - mask[:, :, :, 1:]).abs().sum() + (mask[:, :, :-1, :] - mask[:, :, 1:, :]).abs().sum()


def gradient_penalty(critic, real: torch.Tensor, fake: torch.Tensor, alpha: torch.Tensor, weight: float,
                     autocast) -> torch.Tensor:
    """WGAN-GP: (|grad D| - 1)^2 at points mixed between real and generated faces by `alpha`."""
    mixed = (alpha * real.detach() + (1 - alpha) * fake.detach()).requires_grad_(True)
    with autocast:
        d_mixed, _ = critic(mixed)
    grad, = torch.autograd.grad(d_mixed.float().sum(), mixed, create_graph=True)
    norm = grad.reshape(grad.size(0), -1).float().norm(2, dim=1)
    return ((norm - 1) ** 2).mean() * weight
