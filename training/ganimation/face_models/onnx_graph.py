"""Runs a small ONNX graph (the operators BlazeFace uses) as a torch.nn.Module, so it can be traced.

Only what the shipped detector needs is supported; anything else is refused by name, so a changed
package fails at conversion rather than producing a wrong model.
"""
from typing import Dict, List

import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import numpy_helper

SUPPORTED = {"Conv", "Relu", "Add", "Transpose", "Reshape", "MaxPool", "ConstantOfShape", "Concat", "Pad"}


class OnnxGraph(torch.nn.Module):
    def __init__(self, path: str):
        super().__init__()
        model = onnx.load(path)
        graph = model.graph
        unsupported = sorted({n.op_type for n in graph.node} - SUPPORTED)
        if unsupported:
            raise ValueError(f"{path}: unsupported ONNX operators {unsupported}")
        self.input_name = graph.input[0].name
        self.input_shape = [d.dim_value for d in graph.input[0].type.tensor_type.shape.dim]
        self.output_names = [o.name for o in graph.output]
        self.constants: Dict[str, np.ndarray] = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
        self.params = torch.nn.ParameterDict()
        self._keys: Dict[str, str] = {}
        for name, value in self.constants.items():
            if value.dtype == np.float32 and value.ndim >= 1 and value.size > 1:
                key = f"p{len(self._keys)}"
                self._keys[name] = key
                self.params[key] = torch.nn.Parameter(torch.from_numpy(value.copy()), requires_grad=False)
        self.nodes = [(n.op_type, list(n.input), list(n.output),
                       {a.name: onnx.helper.get_attribute_value(a) for a in n.attribute}) for n in graph.node]

    def _value(self, env, name):
        if name in env:
            return env[name]
        if name in self._keys:
            return self.params[self._keys[name]]
        return torch.from_numpy(np.array(self.constants[name]))

    def forward(self, x: torch.Tensor) -> List[torch.Tensor]:
        env = {self.input_name: x}
        for op, ins, outs, at in self.nodes:
            if op == "Conv":
                w = self._value(env, ins[1])
                b = self._value(env, ins[2]) if len(ins) > 2 else None
                pads = at.get("pads", [0, 0, 0, 0])  # top, left, bottom, right
                v = env[ins[0]]
                padding = (0, 0)
                if pads[0] == pads[2] and pads[1] == pads[3]:
                    padding = (pads[0], pads[1])  # symmetric: the convolution pads, no copy
                elif any(pads):
                    v = F.pad(v, (pads[1], pads[3], pads[0], pads[2]))
                y = F.conv2d(v, w, b, stride=tuple(at.get("strides", [1, 1])), padding=padding,
                             groups=at.get("group", 1), dilation=tuple(at.get("dilations", [1, 1])))
            elif op == "Relu":
                y = F.relu(env[ins[0]])
            elif op == "Add":
                y = self._value(env, ins[0]) + self._value(env, ins[1])
            elif op == "Transpose":
                y = env[ins[0]].permute(*at["perm"])
            elif op == "Reshape":
                # [batch, rows, values]: only the last size is kept, so the graph runs at any input size
                shape = [int(s) for s in self.constants[ins[1]]]
                if len(shape) != 3:
                    raise ValueError(f"unsupported Reshape to {shape}")
                v = env[ins[0]]
                y = v.reshape(v.shape[0], -1, shape[2])
            elif op == "MaxPool":
                pads = at.get("pads", [0, 0, 0, 0])
                v = env[ins[0]]
                if any(pads):
                    v = F.pad(v, (pads[1], pads[3], pads[0], pads[2]), value=float("-inf"))
                y = F.max_pool2d(v, tuple(at["kernel_shape"]), tuple(at.get("strides", at["kernel_shape"])))
            elif op == "ConstantOfShape":
                # Channel padding (zeros shaped like part of a feature map): kept symbolic so tracing works.
                shape = env[ins[0]] if ins[0] in env else self._value(env, ins[0])
                y = ("zeros", [int(s) for s in shape])
            elif op == "Concat":
                parts = [self._value(env, i) for i in ins]
                ref = next(p for p in parts if isinstance(p, torch.Tensor))
                axis = at["axis"]
                tensors = []
                for p in parts:
                    if isinstance(p, tuple):  # zero channels, as wide and high as the feature map beside them
                        if axis != 1 or len(p[1]) != 4:
                            raise ValueError("only channel padding is supported")
                        p = ref.new_zeros([ref.shape[0], p[1][1], ref.shape[2], ref.shape[3]])
                    tensors.append(p)
                y = torch.cat(tensors, axis)
            elif op == "Pad":
                pads = [int(s) for s in self.constants[ins[1]]] if len(ins) > 1 else at["pads"]
                n = len(pads) // 2
                torch_pads = []
                for d in reversed(range(n)):
                    torch_pads += [pads[d], pads[d + n]]
                y = F.pad(env[ins[0]], torch_pads)
            else:  # pragma: no cover - refused in __init__
                raise ValueError(op)
            env[outs[0]] = y
        return [env[n] for n in self.output_names]
