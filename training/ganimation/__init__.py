"""GANimation Studio training toolkit: the studio's models, their training, export and evaluation."""
