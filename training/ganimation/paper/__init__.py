"""The paper's GANimation generator: networks, options, losses, training loop and command, distillation, export."""
