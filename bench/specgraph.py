"""IRPrune's spec.json (version 2: a graph of named nodes in topological order) walked in plain
Python, for the peers and the report: the output shape of every node (C x H x W or a flat width,
batch axis excluded), padding resolved as IRPrune's Padding.resolve does, and MAC counts with
channel counts rounded up to a block (what blocked convolution kernels compute)."""


def resolve(padding, h, w, kh, kw, sh, sw):
    """(top, bottom, left, right) rows and columns added: SAME is TensorFlow's (extra at the end)."""
    mode = padding["mode"]
    if mode == "VALID":
        return 0, 0, 0, 0
    if mode == "EXPLICIT":
        return padding["top"], padding["bottom"], padding["left"], padding["right"]
    ph = max((-(-h // sh) - 1) * sh + kh - h, 0)
    pw = max((-(-w // sw) - 1) * sw + kw - w, 0)
    return ph // 2, ph - ph // 2, pw // 2, pw - pw // 2


def window(node, shape, channels):
    """Output shape of a convolution or pooling window over a C x H x W input."""
    _, h, w = shape
    kh, kw = kernel(node)
    t, b, l, r = resolve(node["padding"], h, w, kh, kw, node["strideH"], node["strideW"])
    return channels, (h + t + b - kh) // node["strideH"] + 1, (w + l + r - kw) // node["strideW"] + 1


def kernel(node):
    return (node["kernelH"], node["kernelW"]) if node["type"] == "conv" else (node["sizeH"], node["sizeW"])


def inputs(node):
    return node["inputs"] if node["type"] == "add" else [node["input"]]


def shapes(spec):
    """Every node's output shape by name ('input' first): a tuple (C, H, W) or (features,)."""
    i = spec["input"]
    out = {"input": (i["channels"], i["height"], i["width"])}
    for n in spec["nodes"]:
        s = out[inputs(n)[0]]
        t = n["type"]
        if t == "conv":
            out[n["name"]] = window(n, s, n["filters"])
        elif t == "pool":
            out[n["name"]] = window(n, s, s[0])
        elif t == "globalavgpool":
            out[n["name"]] = (s[0], 1, 1)
        elif t == "flatten":
            size = 1
            for d in s:
                size *= d
            out[n["name"]] = (size,)
        elif t == "dense":
            out[n["name"]] = (n["units"],)
        elif t == "padchannels":
            out[n["name"]] = (s[0] + n["before"] + n["after"],) + tuple(s[1:])
        else:  # batchnorm, activation, dropout, add, output keep the shape
            out[n["name"]] = s
    return out


def blocked_macs(spec, block=16):
    """MACs of the convolutions with every channel count rounded up to a multiple of `block` (the
    input image's channels excepted), plus the dense layers as they are: what the engine's blocked
    (AVX-512: 16-channel) convolution kernels actually compute."""
    up = lambda n: -(-n // block) * block
    s = shapes(spec)
    total = 0
    for n in spec["nodes"]:
        if n["type"] == "conv":
            cin = s[n["input"]][0]
            _, oh, ow = s[n["name"]]
            total += n["kernelH"] * n["kernelW"] * (cin if n["input"] == "input" else up(cin)) * oh * ow * up(n["filters"])
        elif n["type"] == "dense":
            total += s[n["input"]][0] * n["units"]
    return total
