"""The AU estimator network: a small residual CNN that reads the 17 AU intensities (0-1) of a face crop."""
import numpy as np
import torch
from torch import nn

from ..data import to_model_range


class _Block(nn.Module):
    def __init__(self, cin: int, cout: int, stride: int):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True),
            nn.Conv2d(cout, cout, 3, 1, 1, bias=False), nn.BatchNorm2d(cout))
        self.skip = (nn.Identity() if stride == 1 and cin == cout else
                     nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout)))
        self.act = nn.ReLU(inplace=True)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.act(self.body(x) + self.skip(x))


class AuEstimator(nn.Module):
    """Image N x 3 x S x S in [-1, 1] -> AU intensities N x c_dim in [0, 1].

    With `landmarks` > 0 it also has a training-only head that regresses that many face landmarks
    from the feature map: the shape of the mouth, eyes and brows is what most AUs are, and landmarks
    can be had for every crop (labelled or not), so the features learn it from far more faces than
    carry AU labels. `without_landmarks()` drops the head before export."""

    def __init__(self, width: int = 32, c_dim: int = 17, landmarks: int = 0):
        super().__init__()
        self.width = width
        self.c_dim = c_dim
        w = width
        self.features = nn.Sequential(
            # Stride 4 before the first block keeps it cheap enough to train on a CPU.
            nn.Conv2d(3, w, 3, 2, 1, bias=False), nn.BatchNorm2d(w), nn.ReLU(inplace=True),
            _Block(w, w, 2), _Block(w, 2 * w, 2), _Block(2 * w, 4 * w, 2), _Block(4 * w, 4 * w, 1))
        self.head = nn.Sequential(nn.Dropout(0.2), nn.Linear(4 * w, c_dim))
        self.landmark_head = (nn.Sequential(nn.AdaptiveAvgPool2d(6), nn.Flatten(), nn.Linear(4 * w * 36, 2 * landmarks))
                              if landmarks else None)
        # The head predicts standardised intensities (per-AU z-scores of the training labels): rare AUs
        # get as much of the loss as common ones, and training does not stall at the label mean.
        self.register_buffer("label_mean", torch.zeros(c_dim))
        self.register_buffer("label_std", torch.ones(c_dim))

    def feature_map(self, image: torch.Tensor) -> torch.Tensor:
        # The face fills the middle of a studio crop (side = 1.75 x the face box): look there only.
        m = image.size(-1) // 8
        return self.features(image[:, :, m:image.size(-2) - m, m:image.size(-1) - m])

    def standardized(self, image: torch.Tensor) -> torch.Tensor:
        return self.head(self.feature_map(image).mean(dim=(2, 3)))

    def without_landmarks(self) -> "AuEstimator":
        self.landmark_head = None
        return self

    def forward(self, image: torch.Tensor) -> torch.Tensor:
        # AUs are read as bilateral: averaging with the mirror image halves the reading's noise.
        z = 0.5 * (self.standardized(image) + self.standardized(image.flip(3)))
        return (z * self.label_std + self.label_mean).clamp(0.0, 1.0)


@torch.no_grad()
def predict(net, images_u8: torch.Tensor, batch: int = 64) -> np.ndarray:
    """AU intensities in [0, 1] for uint8 crops (the estimator's own input size)."""
    out = []
    for i in range(0, len(images_u8), batch):
        out.append(net(to_model_range(images_u8[i:i + batch])).float())
    return torch.cat(out).numpy()
