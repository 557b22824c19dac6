#!/usr/bin/python3
"""The PyTorch side of the side-by-side runs (Debian's python3-torch, 2 threads).

A long-lived process like the Java worker: one command per line on standard input, one line of
JSON on standard output. It builds the network from the spec JSON that IRPrune's worker prints
(same layers: conv 3x3 'same' + ReLU, dropout, 2x2 max-pooling, flatten, dense), initialises it
as IRPrune does (Glorot-uniform kernels, zero biases), and trains it the same way: bytes to
normalised floats per batch, cross-entropy plus the Keras-style L2 penalty (coefficient * sum w^2
on kernels and biases), Adam(7.5e-5, 0.9, 0.999, eps 1e-7), loss and correct count read back.

    info | load KEY SPEC.json | train KEY STEPS BATCH | infer KEY BATCH ITERS | matmul N | quit

`peer.py memory SPEC.json STEPS BATCH` runs training steps in a fresh process and prints its peak RSS.
"""
import json
import resource
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(2)


class Net:
    def __init__(self, spec):
        self.spec = spec
        inp = spec["input"]
        layers, l2 = [], []
        c, h, w = inp["channels"], inp["height"], inp["width"]
        flat = None
        for layer in spec["layers"]:
            kind = layer["type"]
            if kind == "conv":
                conv = nn.Conv2d(c, layer["filters"], layer["kernel"], padding=layer["kernel"] // 2)
                layers.append(conv)
                if layer["batchNorm"]:
                    layers.append(nn.BatchNorm2d(layer["filters"]))
                layers.append(nn.ReLU())
                c = layer["filters"]
                if layer["l2"] > 0:
                    l2 += [(conv.weight, layer["l2"]), (conv.bias, layer["l2"])]
            elif kind == "maxpool":
                layers.append(nn.MaxPool2d(layer["size"]))
                h, w = h // layer["size"], w // layer["size"]
            elif kind == "dropout":
                layers.append(nn.Dropout(layer["rate"]))
            elif kind == "flatten":
                layers.append(nn.Flatten())
                flat = c * h * w
            elif kind == "dense":
                dense = nn.Linear(flat, layer["units"])
                layers.append(dense)
                if layer["activation"] == "RELU":
                    layers.append(nn.ReLU())
                flat = layer["units"]
                if layer["l2"] > 0:
                    l2 += [(dense.weight, layer["l2"]), (dense.bias, layer["l2"])]
            else:
                raise ValueError("unknown layer type " + kind)
        self.module = nn.Sequential(*layers)
        for m in self.module.modules():
            if isinstance(m, (nn.Conv2d, nn.Linear)):
                nn.init.xavier_uniform_(m.weight)
                nn.init.zeros_(m.bias)
        self.l2 = l2
        self.optimizer = None
        self.images = {}
        # the same 256-entry byte -> normalised float table as IRPrune's Batches
        self.table = ((torch.arange(256, dtype=torch.float32) / 255 - inp["mean"]) / (inp["std"] + 1e-7))
        self.epoch = 0

    def random_images(self, n):
        if n not in self.images:
            g = torch.Generator().manual_seed(n)
            inp = self.spec["input"]
            classes = self.spec["layers"][-1]["units"]
            px = torch.randint(0, 256, (n, inp["channels"], inp["height"], inp["width"]), dtype=torch.uint8, generator=g)
            self.images[n] = (px, torch.randint(0, classes, (n,), generator=g))
        return self.images[n]

    def train(self, steps, batch):
        px, labels = self.random_images(steps * batch)
        if self.optimizer is None:
            self.optimizer = torch.optim.Adam(self.module.parameters(), lr=7.5e-5, betas=(0.9, 0.999), eps=1e-7)
        self.module.train()
        self.epoch += 1
        order = torch.randperm(len(labels), generator=torch.Generator().manual_seed(self.epoch))
        start = time.perf_counter()
        loss_sum, correct = 0.0, 0
        for frm in range(0, len(labels), batch):
            idx = order[frm:frm + batch]
            x = self.table[px[idx].long()]
            y = labels[idx]
            logits = self.module(x)
            loss = F.cross_entropy(logits, y)
            for p, coefficient in self.l2:
                loss = loss + p.square().sum() * coefficient
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
            loss_sum += loss.item() * len(idx)
            correct += (logits.argmax(1) == y).sum().item()
        return time.perf_counter() - start

    def infer(self, batch, iters):
        px, _ = self.random_images(batch)
        self.module.eval()
        start = time.perf_counter()
        with torch.no_grad():
            for _ in range(iters):
                self.module(self.table[px.long()]).numpy()
        return time.perf_counter() - start


def matmul(n):
    a = torch.rand(n, n) * 2 - 1
    b = torch.rand(n, n) * 2 - 1
    start = time.perf_counter()
    c = a @ b
    c[0, 0].item()
    return time.perf_counter() - start


def info():
    cfg = torch.__config__.show()
    blas = [line.strip() for line in cfg.splitlines() if "BLAS" in line or "LAPACK" in line]
    return {"torch": torch.__version__, "threads": torch.get_num_threads(),
            "interopThreads": torch.get_num_interop_threads(), "mkldnn": torch.backends.mkldnn.is_available(),
            "mkl": torch.backends.mkl.is_available(), "blas": blas,
            "python": sys.version.split()[0]}


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def serve():
    nets = {}
    for line in sys.stdin:
        a = line.split()
        if not a or a[0] == "quit":
            break
        try:
            if a[0] == "info":
                reply = info()
            elif a[0] == "load":
                with open(a[2]) as f:
                    nets[a[1]] = Net(json.load(f))
                reply = {"loaded": a[1]}
            elif a[0] == "free":
                nets.pop(a[1], None)
                reply = {}
            elif a[0] == "train":
                steps, batch = int(a[2]), int(a[3])
                reply = {"seconds": nets[a[1]].train(steps, batch), "images": steps * batch}
            elif a[0] == "infer":
                batch, iters = int(a[2]), int(a[3])
                reply = {"seconds": nets[a[1]].infer(batch, iters), "images": batch * iters}
            elif a[0] == "matmul":
                reply = {"seconds": matmul(int(a[1]))}
            else:
                reply = {"error": "unknown command " + a[0]}
        except Exception as e:  # report and go on, as the Java worker does
            reply = {"error": repr(e)}
        print(json.dumps(reply), flush=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "memory":
        with open(sys.argv[2]) as f:
            net = Net(json.load(f))
        net.train(int(sys.argv[3]), int(sys.argv[4]))
        print(json.dumps({"peakRssMb": peak_rss_mb()}))
    else:
        serve()
