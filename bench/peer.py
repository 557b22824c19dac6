#!/usr/bin/python3
"""The PyTorch side of the side-by-side runs (Debian's python3-torch, 2 threads).

A long-lived process like the Java worker: one command per line on standard input, one line of
JSON on standard output. It builds the network from the spec JSON that IRPrune's worker prints
(the same graph of nodes, run in the same order: specgraph.py), initialises it
as IRPrune does (Glorot-uniform kernels, zero biases), and trains it the same way: bytes to
normalised floats per batch, cross-entropy plus the Keras-style L2 penalty (coefficient * sum w^2
on kernels and biases), Adam(7.5e-5, 0.9, 0.999, eps 1e-7), loss and correct count read back.

    info | load KEY SPEC.json | train KEY STEPS BATCH | infer KEY BATCH ITERS | matmul N | quit

`peer.py memory SPEC.json STEPS BATCH` runs training steps in a fresh process and prints its peak RSS.
"""
import json
import resource
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

import specgraph

torch.set_num_threads(2)


class Graph(nn.Module):
    """IRPrune's network graph (spec.json version 2) as a torch module: the nodes run in order, each
    reading the outputs it names, as IRPrune's Network runs them."""

    def __init__(self, spec):
        super().__init__()
        self.nodes = spec["nodes"]
        self.shapes = specgraph.shapes(spec)
        self.layers = nn.ModuleDict()
        self.l2 = []
        for n in self.nodes:
            t, name = n["type"], n["name"]
            if t == "conv":
                cin = self.shapes[n["input"]][0]
                conv = nn.Conv2d(cin, n["filters"], (n["kernelH"], n["kernelW"]), (n["strideH"], n["strideW"]), bias=n["bias"])
                nn.init.xavier_uniform_(conv.weight)
                self.layers[name] = conv
                self.l2 += [(p, n["l2"]) for p in conv.parameters()] if n["l2"] > 0 else []
            elif t == "dense":
                dense = nn.Linear(self.shapes[n["input"]][0], n["units"], bias=n["bias"])
                nn.init.xavier_uniform_(dense.weight)
                self.layers[name] = dense
                self.l2 += [(p, n["l2"]) for p in dense.parameters()] if n["l2"] > 0 else []
            elif t == "batchnorm":
                c = self.shapes[n["input"]][0]
                # Keras' momentum is the share kept; torch's is the share of the new batch
                bn = (nn.BatchNorm2d if len(self.shapes[n["input"]]) == 3 else nn.BatchNorm1d)(c, eps=n["epsilon"],
                                                                                              momentum=1 - n["momentum"])
                self.layers[name] = bn
            elif t == "dropout":
                self.layers[name] = nn.Dropout(n["rate"])
        for m in self.layers.values():
            if isinstance(m, (nn.Conv2d, nn.Linear)) and m.bias is not None:
                nn.init.zeros_(m.bias)

    def forward(self, x):
        values = {"input": x}
        for n in self.nodes:
            t, name = n["type"], n["name"]
            a = values[n["inputs"][0] if t == "add" else n["input"]]
            if t == "conv":
                _, h, w = self.shapes[n["input"]]
                top, bottom, left, right = specgraph.resolve(n["padding"], h, w, n["kernelH"], n["kernelW"], n["strideH"],
                                                             n["strideW"])
                conv = self.layers[name]
                if top == bottom and left == right:
                    conv.padding = (top, left)
                else:
                    a = F.pad(a, (left, right, top, bottom))
                y = conv(a)
            elif t in ("batchnorm", "dropout"):
                y = self.layers[name](a)
            elif t == "dense":
                y = self.layers[name](a)
                y = ACTIVATIONS[n["activation"]](y)
            elif t == "activation":
                y = ACTIVATIONS[n["function"]](a)
            elif t == "pool":
                _, h, w = self.shapes[n["input"]]
                top, bottom, left, right = specgraph.resolve(n["padding"], h, w, n["sizeH"], n["sizeW"], n["strideH"],
                                                             n["strideW"])
                k, st = (n["sizeH"], n["sizeW"]), (n["strideH"], n["strideW"])
                if n["kind"] == "max":
                    if top or bottom or left or right:
                        a = F.pad(a, (left, right, top, bottom), value=float("-inf"))
                    y = F.max_pool2d(a, k, st)
                else:
                    a = F.pad(a, (left, right, top, bottom)) if n["countPadding"] else a
                    y = F.avg_pool2d(a, k, st)
            elif t == "globalavgpool":
                y = a.mean((2, 3), keepdim=True)
            elif t == "flatten":
                if a.dim() > 2 and n["layout"] == "nhwc":
                    a = a.permute(0, 2, 3, 1)
                y = a.reshape(a.shape[0], -1)
            elif t == "add":
                y = a
                for other in n["inputs"][1:]:
                    y = y + values[other]
            elif t == "padchannels":
                y = F.pad(a, (0, 0, 0, 0, n["before"], n["after"]))
            elif t == "output":
                y = a  # logits: the softmax is the loss's
            else:
                raise ValueError("unknown node type " + t)
            values[name] = y
        return y


def table(inp):
    """Every byte value's input value, as IRPrune's InputSpec.table() gives it."""
    v = torch.arange(256, dtype=torch.float64)
    pre = inp.get("preprocess", "standardize")
    t = (v / 255 - inp["mean"]) / (inp["std"] + 1e-7) if pre == "standardize" else v / 255 if pre == "scale255" else v
    return t.to(torch.float32)


ACTIVATIONS = {"relu": F.relu, "tanh": torch.tanh, "sigmoid": torch.sigmoid, "identity": lambda x: x}


class Net:
    def __init__(self, spec):
        self.spec = spec
        inp = spec["input"]
        self.module = Graph(spec)
        self.l2 = self.module.l2
        self.optimizer = None
        self.images = {}
        # the same 256-entry byte -> normalised float table as IRPrune's Batches
        self.table = table(inp)
        self.epoch = 0

    def random_images(self, n):
        if n not in self.images:
            g = torch.Generator().manual_seed(n)
            inp = self.spec["input"]
            classes = specgraph.shapes(self.spec)[self.spec["nodes"][-1]["name"]][0]
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
        passes = []
        with torch.no_grad():
            for _ in range(iters):
                start = time.perf_counter()
                self.module(self.table[px.long()]).numpy()
                passes.append(time.perf_counter() - start)
        return passes


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
                passes = nets[a[1]].infer(batch, iters)
                reply = {"seconds": sum(passes), "images": batch * iters, "passMedian": statistics.median(passes)}
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
