#!/usr/bin/python3
"""Exports two small CNNs from PyTorch to ONNX, with fixed inputs and the logits torch computed.

For IRPrune's ONNX import tests. Run with Debian's Python, which has python3-torch and python3-onnx
(the python3 on PATH may be another one without them):

    /usr/bin/python3 scripts/make-onnx-fixtures.py OUT_DIR

writes into OUT_DIR, for each model NAME in (vgg, resnet):

  NAME-folded.onnx     torch.onnx.export, opset 13, model in eval mode, training=TrainingMode.EVAL,
                       do_constant_folding=True: batch norm fused into the preceding convolution
  NAME-unfolded.onnx   the same with training=TrainingMode.PRESERVE and do_constant_folding=False:
                       BatchNormalization nodes kept (in inference mode), weights as in torch
  NAME.json            {"model", "files", "input_name", "output_name", "input_shape", "input",
                        "logits_shape", "logits"}: a fixed batch of 4 inputs and torch's logits,
                        flat lists in row-major order (float32 values written exactly)

The models (random weights from a fixed seed; batch-norm statistics and affine parameters are
randomised too, so that folding them changes the weights):

  vgg     1x28x28 -> conv3x3(8)+BN+ReLU -> maxpool2 -> conv3x3(16) -> maxpool2 -> flatten
          -> linear(784, 32) -> ReLU -> linear(32, 10)
  resnet  3x32x32 -> conv3x3(16)+BN+ReLU -> basic block 16 (identity shortcut)
          -> basic block 32, stride 2 (1x1 conv + BN projection shortcut) -> global average pool
          -> linear(32, 10)

The batch axis is dynamic ("batch"). Same seed, same torch: same weights, inputs and logits.
"""
import json
import pathlib
import sys

import torch
from torch import nn

SEED = 20240601
OPSET = 13


def randomise_batch_norm(model, generator):
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            n = m.num_features
            m.weight.data = 0.5 + torch.rand(n, generator=generator)
            m.bias.data = 0.2 * torch.randn(n, generator=generator)
            m.running_mean.data = 0.1 * torch.randn(n, generator=generator)
            m.running_var.data = 0.5 + torch.rand(n, generator=generator)


class Vgg(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(8)
        self.conv2 = nn.Conv2d(8, 16, 3, padding=1)
        self.fc1 = nn.Linear(16 * 7 * 7, 32)
        self.fc2 = nn.Linear(32, 10)

    def forward(self, x):
        x = nn.functional.max_pool2d(torch.relu(self.bn1(self.conv1(x))), 2)
        x = nn.functional.max_pool2d(self.conv2(x), 2)
        x = torch.flatten(x, 1)
        return self.fc2(torch.relu(self.fc1(x)))


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.shortcut = nn.Sequential()
        if stride != 1 or cin != cout:
            self.shortcut = nn.Sequential(nn.Conv2d(cin, cout, 1, stride=stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = torch.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return torch.relu(y + self.shortcut(x))


class ResNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 16, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(16)
        self.layer1 = BasicBlock(16, 16, 1)
        self.layer2 = BasicBlock(16, 32, 2)
        self.fc = nn.Linear(32, 10)

    def forward(self, x):
        x = torch.relu(self.bn1(self.conv1(x)))
        x = self.layer2(self.layer1(x))
        x = nn.functional.adaptive_avg_pool2d(x, 1)
        return self.fc(torch.flatten(x, 1))


def export(name, model, input_shape, out):
    generator = torch.Generator().manual_seed(SEED)
    randomise_batch_norm(model, generator)
    model.eval()
    x = torch.randn(*input_shape, generator=generator)
    with torch.no_grad():
        logits = model(x)
    files = []
    for folded in (True, False):
        file = f"{name}-{'folded' if folded else 'unfolded'}.onnx"
        # TrainingMode.EVAL lets the exporter fuse batch norm into the convolutions (its eval
        # peephole); PRESERVE exports the eval-mode model as it is, BatchNormalization included.
        mode = torch.onnx.TrainingMode.EVAL if folded else torch.onnx.TrainingMode.PRESERVE
        torch.onnx.export(model, x, str(out / file), opset_version=OPSET, do_constant_folding=folded,
                          training=mode, input_names=["input"], output_names=["logits"],
                          dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}})
        files.append(file)
    record = {"model": name, "files": files, "input_name": "input", "output_name": "logits",
              "input_shape": list(x.shape), "input": [float(v) for v in x.flatten().tolist()],
              "logits_shape": list(logits.shape), "logits": [float(v) for v in logits.flatten().tolist()]}
    (out / f"{name}.json").write_text(json.dumps(record) + "\n")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make-onnx-fixtures.py OUT_DIR")
    out = pathlib.Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(SEED)
    torch.set_num_threads(1)
    export("vgg", Vgg(), (4, 1, 28, 28), out)
    export("resnet", ResNet(), (4, 3, 32, 32), out)
    print("wrote", *sorted(p.name for p in out.iterdir()), "into", out)


if __name__ == "__main__":
    main()
