"""MediaPipe BlazeFace, fully convolutional, with its outputs in input pixels.

Input: a batch of RGB pictures, NCHW, values 0..1, any height and width that are multiples of 32
(the network was trained at 256 x 256; faces of about 20 to 200 pixels are found at that scale).
Output: [B, A, 17] rows, one per anchor: score (0..1), then box centre x, y, width, height and six key
points (right eye, left eye, nose tip, mouth centre, right ear, left ear) as x, y, in input pixels
relative to the anchor's centre (centre and key points) or absolute (width, height).
Anchors (``anchors``) are MediaPipe's full-range layout: every cell of the stride-16 grid twice, then
every cell of the stride-32 grid six times, row by row; an anchor's centre is its cell's centre.
"""
import torch

from .onnx_graph import OnnxGraph

GRIDS = ((16, 2), (32, 6))  # (stride, anchors per cell)


def anchors(height: int, width: int) -> torch.Tensor:
    """[A, 2] anchor centres (x, y) in input pixels, in the order of the network's rows."""
    out = []
    for stride, per_cell in GRIDS:
        for y in range(height // stride):
            for x in range(width // stride):
                out += [((x + 0.5) * stride, (y + 0.5) * stride)] * per_cell
    return torch.tensor(out, dtype=torch.float32)


def decode(rows: torch.Tensor, height: int, width: int) -> torch.Tensor:
    """Rows with the anchors added: centre and key points become absolute input pixels."""
    a = anchors(height, width)
    out = rows.clone()
    out[..., 1:3] += a
    for k in range(6):
        out[..., 5 + 2 * k:7 + 2 * k] += a
    return out


class BlazeFace(torch.nn.Module):
    def __init__(self, onnx_path: str):
        super().__init__()
        self.graph = OnnxGraph(onnx_path)
        self.size = self.graph.input_shape[1]
        if self.size != 256:
            raise ValueError(f"{onnx_path}: expected the 256 x 256 full-range model, found side {self.size}")

    def forward(self, rgb: torch.Tensor) -> torch.Tensor:
        x = (rgb * 2.0 - 1.0).permute(0, 2, 3, 1)  # MediaPipe's range -1..1, the graph's NHWC input
        s16, s32, r16, r32 = self.graph(x)
        score = torch.sigmoid(torch.cat([s16, s32], 1).clamp(-100.0, 100.0))
        return torch.cat([score, torch.cat([r16, r32], 1)], 2)
