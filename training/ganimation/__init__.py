"""GANimation Studio training toolkit: model definition, export and checkpoint conversion."""
