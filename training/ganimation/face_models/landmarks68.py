"""face-api's 68-point face landmark network (FaceLandmark68Net), re-implemented from its TF.js
weights so it runs in PyTorch.

Input: a batch of RGB face pictures, NCHW, values 0..1, 112 x 112 (face-api pads a box to a square
and resizes it to 112). Output: [B, 68, 2] points (x, y) as fractions of the input side, in dlib's
68-point order (jaw 0-16, brows 17-26, nose 27-35, eyes 36-47, mouth 48-67).
The layers follow face-api's src/faceFeatureExtractor (four dense blocks of depthwise-separable
convolutions, TensorFlow 'same' padding) and src/faceLandmarkNet.
"""
import json
import os
from typing import Dict

import numpy as np
import torch
import torch.nn.functional as F

MEAN_RGB = (122.782, 117.001, 104.298)


def read_tfjs_weights(model_dir: str, name: str) -> Dict[str, np.ndarray]:
    """The tensors of a TF.js weight manifest (``NAME-weights_manifest.json`` beside its shards),
    de-quantised from uint8 (value = q * scale + min) where the manifest says so."""
    with open(os.path.join(model_dir, f"{name}-weights_manifest.json")) as f:
        manifest = json.load(f)
    out = {}
    for group in manifest:
        data = b"".join(open(os.path.join(model_dir, p), "rb").read() for p in group["paths"])
        offset = 0
        for w in group["weights"]:
            count = int(np.prod(w["shape"])) if w["shape"] else 1
            q = w.get("quantization")
            if q:
                dtype = {"uint8": np.uint8, "uint16": np.uint16}[q["dtype"]]
                raw = np.frombuffer(data, dtype=dtype, count=count, offset=offset)
                value = raw.astype(np.float32) * q["scale"] + q["min"]
            else:
                dtype = {"float32": np.float32, "int32": np.int32}[w["dtype"]]
                raw = np.frombuffer(data, dtype=dtype, count=count, offset=offset)
                value = raw.astype(np.float32)
            offset += count * raw.itemsize
            out[w["name"]] = value.reshape(w["shape"])
        if offset != len(data):
            raise ValueError(f"{name}: the manifest covers {offset} of {len(data)} bytes")
    return out


def _same_pad(x: torch.Tensor, stride: int) -> torch.Tensor:
    # TensorFlow 'same' for a 3x3 kernel: stride 1 pads 1 on each side; stride 2 on an even side pads
    # only after (bottom and right)
    return F.pad(x, (1, 1, 1, 1)) if stride == 1 else F.pad(x, (0, 1, 0, 1))


class SeparableConv(torch.nn.Module):
    def __init__(self, w: Dict[str, np.ndarray], prefix: str):
        super().__init__()
        dw = torch.from_numpy(w[prefix + "/depthwise_filter"])  # [3, 3, C, 1]
        pw = torch.from_numpy(w[prefix + "/pointwise_filter"])  # [1, 1, C, O]
        self.depthwise = torch.nn.Parameter(dw.permute(2, 3, 0, 1).contiguous(), requires_grad=False)
        self.pointwise = torch.nn.Parameter(pw.permute(3, 2, 0, 1).contiguous(), requires_grad=False)
        self.bias = torch.nn.Parameter(torch.from_numpy(w[prefix + "/bias"]), requires_grad=False)

    def forward(self, x: torch.Tensor, stride: int) -> torch.Tensor:
        x = F.conv2d(_same_pad(x, stride), self.depthwise, stride=stride, groups=self.depthwise.shape[0])
        return F.conv2d(x, self.pointwise, self.bias)


class DenseBlock4(torch.nn.Module):
    def __init__(self, w: Dict[str, np.ndarray], prefix: str, first: bool):
        super().__init__()
        self.first = first
        if first:
            f = torch.from_numpy(w[prefix + "/conv0/filters"])  # [3, 3, 3, O]
            self.conv0_filters = torch.nn.Parameter(f.permute(3, 2, 0, 1).contiguous(), requires_grad=False)
            self.conv0_bias = torch.nn.Parameter(torch.from_numpy(w[prefix + "/conv0/bias"]), requires_grad=False)
            self.conv0 = None
        else:
            self.conv0 = SeparableConv(w, prefix + "/conv0")
        self.conv1 = SeparableConv(w, prefix + "/conv1")
        self.conv2 = SeparableConv(w, prefix + "/conv2")
        self.conv3 = SeparableConv(w, prefix + "/conv3")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.conv0 is None:
            out1 = F.conv2d(_same_pad(x, 2), self.conv0_filters, self.conv0_bias, stride=2)
        else:
            out1 = self.conv0(x, 2)
        out1 = F.relu(out1)
        out2 = self.conv1(out1, 1)
        out3 = self.conv2(F.relu(out1 + out2), 1)
        out4 = self.conv3(F.relu(out1 + out2 + out3), 1)
        return F.relu(out1 + out2 + out3 + out4)


class Landmarks68(torch.nn.Module):
    SIZE = 112

    def __init__(self, model_dir: str, name: str = "face_landmark_68_model"):
        super().__init__()
        w = read_tfjs_weights(model_dir, name)
        self.dense0 = DenseBlock4(w, "dense0", True)
        self.dense1 = DenseBlock4(w, "dense1", False)
        self.dense2 = DenseBlock4(w, "dense2", False)
        self.dense3 = DenseBlock4(w, "dense3", False)
        self.fc_weights = torch.nn.Parameter(torch.from_numpy(w["fc/weights"]), requires_grad=False)
        self.fc_bias = torch.nn.Parameter(torch.from_numpy(w["fc/bias"]), requires_grad=False)
        self.register_buffer("mean", torch.tensor(MEAN_RGB).reshape(1, 3, 1, 1) / 255.0)

    def forward(self, rgb: torch.Tensor) -> torch.Tensor:
        x = rgb - self.mean
        x = self.dense3(self.dense2(self.dense1(self.dense0(x))))
        x = F.avg_pool2d(x, 7, 2).flatten(1)  # [B, 256]: the 7x7 map pooled to one cell
        out = x @ self.fc_weights + self.fc_bias
        return out.reshape(-1, 68, 2)
