"""The six measurements of bench/run, each a function (plan, java, peer, numpy) -> dict of results.

java: IRPrune's worker (dev.irprune.bench.Worker); peer: PyTorch (peer.py); numpy: the seed's
selection loops (seedloops.py). Rounds alternate A (IRPrune) and B (the other side); figures are
min/median/max over rounds, and ratios are given both as the ratio of the medians and as
min/median/max of the ratios paired within each round.
"""
import json
import statistics

import rss

from bench import OUT, ROOT, java_argv, run_timed, stats
from selection import selection
from specgraph import blocked_macs

QUIET = 0.25  # a round is "quiet" when other processes kept fewer cores than this busy on average
QUIET_WAIT = None  # bench.Quiet: before a timed round, waits (within a budget) for the machine to be quiet

SEED_TRAIN = ["--dataset", "demo", "--width", "0.25", "--batch-norm", "--dropout", "0", "--lr", "1e-3", "--epochs", "1"]
# Memory over long runs: VGG16 at width 1/4 on 2,000 demo images, 20 epochs; then the reference rule over its
# 15 channel groups with one fine-tuning epoch each.
GROWTH = {"train": ["--dataset", "demo", "--width", "0.25", "--dropout", "0", "--lr", "1e-3", "--train-limit", "2000",
                    "--test-limit", "200"], "epochs": 20,
          "prune": ["0.3", "0.8", "--finetune-epochs", "1", "--analysis-samples", "1000", "--train-limit", "2000",
                    "--test-limit", "200"]}
# --quick: the same runs on half the images
GROWTH_QUICK = {k: [a.replace("2000", "1000") for a in v] if isinstance(v, list) else v for k, v in GROWTH.items()}

PLANS = {
    # bench/run --smoke: every stage once at tiny sizes, to show that the harness builds and runs (CI)
    "smoke": {
        "quietWaitSeconds": 0,
        "training": {"batch": 16, "widths": ["0.125"], "warmupSteps": 1, "rounds": {"0.125": 1}, "steps": {"0.125": 1},
                     "inferBatches": 1, "matmulN": 512, "matmulPerRound": 1, "torchMatmulN": 256, "torchMatmulRounds": 1},
        "selection": {"rows": 1000, "conv": [64], "E": 0.3, "S": 0.8, "budget": 0.2,
                      "reps": 1, "numpyReps": {"64": 1, "512": 1},
                      "dense": 256, "numpyDenseColumns": [64, 128], "numpyFullDense": False},
        "pruned": {"width": 0.125, "uniform": [0.5], "rounds": 1, "iters": {"1": 2, "128": 1}, "warmUpSeconds": 0.05,
                   "profileRounds": 1, "profileIters": 2,
                   "seedRule": {"train": ["--dataset", "demo", "--width", "0.125", "--batch-norm", "--dropout", "0",
                                          "--lr", "1e-3", "--epochs", "1", "--train-limit", "256", "--test-limit", "50"],
                                "thresholds": [[0.3, 0.8]], "roundTo": [8],
                                "prune": ["--finetune-epochs", "0", "--analysis-samples", "100", "--test-limit", "50"]}},
        "capture": {"width": 0.125, "layers": ["conv1_1", "fc2"], "images": 250, "rounds": 1},
        "memory": {"width": 0.125, "batch": 16, "reps": 1, "captureLayer": "fc1", "captureImages": 500, "trainSteps": 1,
                   "growth": {"train": ["--dataset", "demo", "--width", "0.125", "--dropout", "0", "--lr", "1e-3",
                                        "--train-limit", "128", "--test-limit", "50"], "epochs": 2,
                              "prune": ["0.3", "0.8", "--finetune-epochs", "1", "--analysis-samples", "64",
                                        "--train-limit", "128", "--test-limit", "50"]}},
    },
    "quick": {
        "quietWaitSeconds": 30,
        "training": {"batch": 128, "widths": ["1.0", "0.25"], "warmupSteps": 1, "rounds": {"1.0": 3, "0.25": 8},
                     "steps": {"1.0": 1, "0.25": 1},
                     "inferBatches": 1, "matmulN": 4096, "matmulPerRound": 2, "torchMatmulN": 2048, "torchMatmulRounds": 1},
        "selection": {"rows": 10000, "conv": [64, 128, 256, 512], "E": 0.3, "S": 0.8, "budget": 0.2,
                      "reps": 2, "numpyReps": {"64": 3, "128": 2, "256": 2, "512": 1},
                      "dense": 4096, "numpyDenseColumns": [256, 512], "numpyFullDense": False},
        "pruned": {"uniform": [0.75, 0.5, 0.25], "rounds": 5, "iters": {"1": 11, "128": 5}, "warmUpSeconds": 1.0,
                   "profileRounds": 3, "profileIters": 5,
                   "seedRule": {"train": SEED_TRAIN, "thresholds": [[0.3, 0.8], [1.2, 0.4], [1.9, 0.3]], "roundTo": [0, 8, 16],
                                "prune": ["--finetune-epochs", "0", "--analysis-samples", "1000", "--test-limit", "200"]}},
        "capture": {"layers": ["conv1_1", "conv2_2", "conv3_3", "conv4_3", "conv5_3", "fc2"], "images": 500, "rounds": 2},
        "memory": {"reps": 1, "captureLayer": "fc1", "captureImages": 10000, "trainSteps": 2,
                   "growth": GROWTH_QUICK},
    },
    "full": {
        "quietWaitSeconds": 600,
        "training": {"batch": 128, "widths": ["1.0", "0.25"], "warmupSteps": 2, "rounds": {"1.0": 16, "0.25": 40},
                     "steps": {"1.0": 1, "0.25": 2},
                     "inferBatches": 2, "matmulN": 4096, "matmulPerRound": 2, "torchMatmulN": 2048, "torchMatmulRounds": 3},
        "selection": {"rows": 10000, "conv": [64, 128, 256, 512], "E": 0.3, "S": 0.8, "budget": 0.2,
                      "reps": 5, "numpyReps": {"64": 5, "128": 5, "256": 3, "512": 3},
                      "dense": 4096, "numpyDenseColumns": [256, 512], "numpyFullDense": True},
        "pruned": {"uniform": [0.75, 0.5, 0.25], "rounds": 9, "iters": {"1": 21, "128": 7}, "warmUpSeconds": 2.0,
                   "profileRounds": 3, "profileIters": 10,
                   "seedRule": {"train": SEED_TRAIN, "thresholds": [[0.3, 0.8], [1.2, 0.4], [1.6, 0.3], [1.9, 0.3]],
                                "roundTo": [0, 8, 16],
                                "prune": ["--finetune-epochs", "0", "--analysis-samples", "10000", "--test-limit", "500"]}},
        "capture": {"layers": ["conv1_1", "conv2_2", "conv3_3", "conv4_3", "conv5_3", "fc2"], "images": 1000, "rounds": 4},
        "memory": {"reps": 2, "captureLayer": "fc1", "captureImages": 10000, "trainSteps": 2, "growth": GROWTH},
    },
}


def ratio(a_stats, b_stats, paired, unit="x"):
    """Ratio of medians plus the min/median/max of the ratios paired within rounds."""
    out = stats(paired, unit)
    out["ofMedians"] = a_stats["median"] / b_stats["median"]
    return out


def quiet_or_none(busy):
    known = [x for x in busy if x is not None]
    return stats(known, "cores busy with other processes") if known else None


def load_both(java, peer, key, *source):
    """Loads a network in the IRPrune worker and the same spec in the PyTorch peer."""
    info = java.ask("load", key, *source)
    spec_file = OUT / "specs" / f"{key}.json"
    spec_file.parent.mkdir(exist_ok=True)
    spec_file.write_text(json.dumps(info["spec"]))
    peer.ask("load", key, spec_file)
    return info


def paired(a_vals, b_vals, a_busy, b_busy, unit, a_name, b_name):
    """Figures of A and B measured in alternation, their ratio, and the same for the quiet rounds only."""
    sa, sb = stats(a_vals, unit), stats(b_vals, unit)
    busy = [max(x, y) if x is not None and y is not None else None for x, y in zip(a_busy, b_busy)]
    known = [x for x in busy if x is not None]
    out = {a_name: sa, b_name: sb, "ratio": ratio(sa, sb, [x / y for x, y in zip(a_vals, b_vals)]),
           "othersBusy": stats(known, "cores busy with other processes") if known else None}
    quiet = [i for i, x in enumerate(busy) if x is not None and x < QUIET]
    if len(quiet) >= 2:
        qa, qb = stats([a_vals[i] for i in quiet], unit), stats([b_vals[i] for i in quiet], unit)
        out["quietRounds"] = {a_name: qa, b_name: qb,
                              "ratio": ratio(qa, qb, [a_vals[i] / b_vals[i] for i in quiet])}
    return out


def quiet_only(values, a_busy, b_busy, unit):
    keep = [v for v, x, y in zip(values, a_busy, b_busy) if x is not None and y is not None and max(x, y) < QUIET]
    return stats(keep, unit) if len(keep) >= 2 else None


def training(plan, java, peer, numpy):
    p = plan["training"]
    out = {"batch": p["batch"], "flopsFormula": "training FLOPs per image = 3 x 2 x forward MACs per image "
           "(forward, and a backward pass twice as costly: gradients of inputs and of weights)",
           "matmulN": p["matmulN"], "torchMatmulN": p["torchMatmulN"]}
    for width in p["widths"]:
        key = "vgg16-w" + width
        info = load_both(java, peer, key, "vgg16", width)
        steps, batch, rounds = p["steps"][width], p["batch"], p["rounds"][width]
        java.ask("train", key, p["warmupSteps"], batch)
        peer.ask("train", key, p["warmupSteps"], batch)
        java.ask("infer", key, batch, 1)
        peer.ask("infer", key, batch, 1)
        col = {k: [] for k in ("ta", "tb", "ia", "ib", "ta_o", "tb_o", "ia_o", "ib_o", "peak", "tpeak", "eff", "peak_o")}
        for r in range(rounds):
            QUIET_WAIT.wait()
            for side, w, t, i in (("a", java, "ta", "ia"), ("b", peer, "tb", "ib")):
                x = w.ask("train", key, steps, batch)
                col[t].append(x["images"] / x["seconds"])
                col[t + "_o"].append(x["others"])
            n = p["matmulN"]
            m = [java.ask("matmul", n) for _ in range(p["matmulPerRound"])]
            best = min(m, key=lambda x: x["seconds"])
            col["peak"].append(2 * n ** 3 / best["seconds"])
            col["peak_o"].append(best["others"])
            col["eff"].append(col["ta"][-1] * 6 * info["macs"] / col["peak"][-1])
            if r < p["torchMatmulRounds"]:
                tn = p["torchMatmulN"]
                col["tpeak"].append(2 * tn ** 3 / peer.ask("matmul", tn)["seconds"])
            for side, w, i in (("a", java, "ia"), ("b", peer, "ib")):
                x = w.ask("infer", key, batch, p["inferBatches"])
                col[i].append(x["images"] / x["seconds"])
                col[i + "_o"].append(x["others"])
        out["width" + width] = {
            "forwardMacsPerImage": info["macs"], "params": info["params"], "stepsPerRound": steps, "rounds": rounds,
            "train": paired(col["ta"], col["tb"], col["ta_o"], col["tb_o"], "images/s", "irprune", "torch"),
            "infer": paired(col["ia"], col["ib"], col["ia_o"], col["ib_o"], "images/s", "irprune", "torch"),
            "trainFlops": stats([x * 6 * info["macs"] for x in col["ta"]], "FLOP/s"),
            "matmulPeak": stats(col["peak"], "FLOP/s"), "matmulPeakTorchPeer": stats(col["tpeak"], "FLOP/s"),
            "efficiency": stats(col["eff"], "training FLOP/s / matmul FLOP/s, paired per round"),
            "efficiencyQuietRounds": quiet_only(col["eff"], col["ta_o"], col["ta_o"], "training FLOP/s / matmul FLOP/s"),
        }
        java.ask("free", key)
        peer.ask("free", key)
    return out


def rotated(keys, r):
    """The networks in round r's order: each round starts one network later, so that no network is
    always the first after the pause before a round (nor always follows the same one)."""
    i = r % len(keys)
    return keys[i:] + keys[:i]


def latencies(plan, java, peer, keys, base):
    """Inference latency of each network at batch 1 and 128, rounds interleaving networks and sides.

    Before timing, every network runs warmUpSeconds-worth of batches on each side (the JVM compiles
    the forward path's Java code after a few thousand calls; the engines build their kernels).
    """
    p = plan["pruned"]
    res = {k: {} for k in keys}
    for batch in ("1", "128"):
        iters = p["iters"][batch]
        for k in keys:
            for w in (java, peer):
                once = w.ask("infer", k, batch, 1)["seconds"]
                w.ask("infer", k, batch, max(1, min(2000, int(p["warmUpSeconds"] / max(once, 1e-4)))))
            # ONNX Runtime on the same network, exported by IRPrune (session made and warmed here)
            once = java.ask("onnx", k, batch, 1)["seconds"]
            java.ask("onnx", k, batch, max(1, min(2000, int(p["warmUpSeconds"] / max(once, 1e-4)))))
        times = {k: ([], [], [], []) for k in keys}
        ort = {k: [] for k in keys}
        for r in range(p["rounds"]):
            QUIET_WAIT.wait()
            for k in rotated(keys, r):
                a, b = java.ask("infer", k, batch, iters), peer.ask("infer", k, batch, iters)
                times[k][0].append(a["passMedian"])
                times[k][1].append(b["passMedian"])
                times[k][2].append(a["others"])
                times[k][3].append(b["others"])
                ort[k].append(java.ask("onnx", k, batch, iters)["passMedian"])
        for k in keys:
            a, b = times[k][0], times[k][1]
            ba, bb = times[base][0], times[base][1]
            res[k]["batch" + batch] = {
                "latencyIrprune": stats(a, "s per batch"), "latencyTorch": stats(b, "s per batch"),
                "speedupIrprune": ratio(stats(ba, ""), stats(a, ""), [x / y for x, y in zip(ba, a)]),
                "speedupTorch": ratio(stats(bb, ""), stats(b, ""), [x / y for x, y in zip(bb, b)]),
                "speedupIrpruneBest": min(ba) / min(a), "speedupTorchBest": min(bb) / min(b),
                "othersBusy": quiet_or_none(times[k][2] + times[k][3]),
            }
            res[k]["onnxRuntimeBatch" + batch] = {"latency": stats(ort[k], "s per batch"),
                                                  "ofIrprune": ratio(stats(ort[k], ""), stats(a, ""), [x / y for x, y in zip(ort[k], a)])}
    return res


def pruned(plan, java, peer, numpy):
    p = plan["pruned"]
    out = {"uniform": {}, "seedRule": {}}
    nets = {"u100": load_both(java, peer, "u100", "vgg16", p.get("width", 1.0))}
    for f in p["uniform"]:
        nets[f"u{round(f * 100)}"] = load_both(java, peer, f"u{round(f * 100)}", "keep", "u100", f)
    keys = list(nets)
    lat = latencies(plan, java, peer, keys, "u100")
    for k in keys:
        out["uniform"][k] = summarise(nets[k], nets["u100"], lat[k], keep=int(k[1:]) / 100)
        java.ask("free", k)
        peer.ask("free", k)
    sr = p["seedRule"]
    base_dir = OUT / "seed-rule" / "base-model"
    if base_dir.exists():
        import shutil
        shutil.rmtree(OUT / "seed-rule")
    secs, _ = run_timed([str(ROOT / "irprune"), "train", *sr["train"], "--out", str(base_dir)])
    out["seedRule"]["trainSeconds"] = secs
    keys, info = ["base"], {"base": load_both(java, peer, "base", "folder", base_dir)}
    for e, s in sr["thresholds"]:
        for n in sr.get("roundTo", [0]):
            k = f"E{e}-S{s}" + (f"-r{n}" if n else "")  # -rN: pruned with --round-to N
            d = OUT / "seed-rule" / k
            secs, _ = run_timed([str(ROOT / "irprune"), "prune", str(e), str(s), "--model", str(base_dir), *sr["prune"],
                                 *(["--round-to", str(n)] if n else []), "--out", str(d)])
            info[k] = load_both(java, peer, k, "folder", d / "pruned-model")
            info[k]["pruneSeconds"] = secs
            info[k]["roundTo"] = n
            info[k]["ruleKept"] = rule_kept(d / "report.json")
            keys.append(k)
    lat = latencies(plan, java, peer, keys, "base")
    prof = conv_profiles(plan, java, keys, "base")
    for k in keys:
        out["seedRule"][k] = summarise(info[k], info["base"], lat[k], seconds=info[k].get("pruneSeconds"),
                                       roundTo=info[k].get("roundTo", 0), ruleKept=info[k].get("ruleKept"),
                                       convProfile=prof[k])
        java.ask("free", k)
        peer.ask("free", k)
    return out


def conv_profiles(plan, java, keys, base):
    """Each network's convolutions under the engine's profiler at batch 128 (Worker `layers`), rounds
    interleaving the networks; per layer the median over rounds of each round's median.

    From them, for each network: its convolutions' time against the base's (measured), and the same
    ratio had every convolution kept the base's rate (its MACs per second in that layer): the base's
    time of each layer scaled by the layer's MACs. The gap between the two is what smaller channel
    counts cost; the gap between the second and the MAC ratio is where the MACs went (a layer that
    ran slowly in the base counts more)."""
    p = plan["pruned"]
    rounds = {k: [] for k in keys}
    for r in range(p.get("profileRounds", 3)):
        QUIET_WAIT.wait()
        for k in rotated(keys, r):
            rounds[k].append(java.ask("layers", k, 128, p.get("profileIters", 5))["convs"])
    med = {}
    for k in keys:
        layers = []
        for i, first in enumerate(rounds[k][0]["layers"]):
            layers.append({**first, "ms": statistics.median(r["layers"][i]["ms"] for r in rounds[k])})
        med[k] = layers
    return profile_ratios(med, base)


def profile_ratios(layers, base):
    """From each network's per-convolution profile ({key: [{name, macs, ms}, ...]}): its convolutions'
    MAC ratio and time ratio against the base's, and the time ratio had every convolution kept the
    base's rate (the base's time of a layer scaled by the MACs left in it)."""
    b = {l["name"]: l for l in layers[base]}
    base_ms = sum(l["ms"] for l in layers[base])
    base_macs = sum(l["macs"] for l in layers[base])
    out = {}
    for k, ls in layers.items():
        ms = sum(l["ms"] for l in ls)
        at_base_rates = sum(b[l["name"]]["ms"] * l["macs"] / b[l["name"]]["macs"] for l in ls)
        out[k] = {"layers": ls, "convMs": ms, "convMacRatio": base_macs / sum(l["macs"] for l in ls),
                  "convSpeedup": base_ms / ms, "convSpeedupAtBaseRates": base_ms / at_base_rates}
    return out


def rule_kept(report):
    """Per group of a prune run's report.json: the channels the rule kept, and the channels kept after rounding."""
    groups = json.loads(report.read_text())["groups"]
    return [[g.get("ruleKept"), g.get("channelsAfter")] for g in groups]


def summarise(info, base, lat, **extra):
    r = {"macs": info["macs"], "params": info["params"], "widths": info["widths"],
         "macRatio": base["macs"] / info["macs"], "blockedMacs": blocked_macs(info["spec"]),
         "blockedMacRatio": blocked_macs(base["spec"]) / blocked_macs(info["spec"]), **extra, **lat}
    for b in ("batch1", "batch128"):
        r[b]["speedupOverMacRatioIrprune"] = r[b]["speedupIrprune"]["ofMedians"] / r["macRatio"]
        r[b]["speedupOverMacRatioTorch"] = r[b]["speedupTorch"]["ofMedians"] / r["macRatio"]
        r[b]["speedupOverMacRatioIrpruneBest"] = r[b]["speedupIrpruneBest"] / r["macRatio"]
        r[b]["speedupOverMacRatioTorchBest"] = r[b]["speedupTorchBest"] / r["macRatio"]
        r[b]["speedupOverBlockedMacRatioIrprune"] = r[b]["speedupIrprune"]["ofMedians"] / r["blockedMacRatio"]
    return r


def capture(plan, java, peer, numpy):
    p = plan["capture"]
    info = java.ask("load", "cap", "vgg16", p.get("width", 1.0))
    n = p["images"]
    java.ask("capture", "cap", p["layers"][0], 250)
    java.ask("evaluate", "cap", 250)
    t = {layer: ([], []) for layer in p["layers"]}
    full = []
    for r in range(p["rounds"]):
        QUIET_WAIT.wait()
        for layer in p["layers"]:
            order = ("capture", "forwardto") if r % 2 == 0 else ("forwardto", "capture")  # cancel order effects
            for what in order:
                t[layer][0 if what == "capture" else 1].append(java.ask(what, "cap", layer, n)["seconds"])
        full.append(java.ask("evaluate", "cap", n)["seconds"])
    out = {"images": n, "macs": info["macs"], "evaluate": stats([n / s for s in full], "images/s"), "layers": {}}
    for layer in p["layers"]:
        c, f = t[layer]
        out["layers"][layer] = {"capture": stats([n / s for s in c], "images/s"),
                                "forwardTo": stats([n / s for s in f], "images/s"),
                                "overhead": stats([x / y - 1 for x, y in zip(c, f)], "capture time / plain forward time - 1")}
    java.ask("free", "cap")
    return out


def memory(plan, java, peer, numpy):
    p = plan["memory"]
    w, batch = str(p.get("width", 1.0)), p.get("batch", 128)
    net = "full-width VGG16" if float(w) == 1.0 else f"VGG16 at width {w}"
    runs = {"loaded": ["loaded", w], "trainStep": ["train", w, p["trainSteps"], batch],
            "capture": ["capture", w, p["captureLayer"], p["captureImages"]]}
    out = {"what": {"loaded": f"JVM + engine + {net} created, nothing run",
                    "trainStep": f"{p['trainSteps']} training steps of {net} at batch {batch} (Fitter)",
                    "capture": f"Capture.pooled of {p['captureImages']} images at {p['captureLayer']} of {net}"}}
    for name, args in runs.items():
        vals, parts = [], []
        for _ in range(p["reps"]):
            _, proc = run_timed(java_argv("dev.irprune.bench.PeakMemory", *args))
            r = json.loads(proc.stdout.strip().splitlines()[-1])
            vals.append(r["peakRssMb"])
            parts.append(r)
        out[name] = stats(vals, "MB (VmHWM)")
        out[name]["runs"] = parts
    spec = OUT / "specs" / "memory.json"
    spec.parent.mkdir(exist_ok=True)
    spec.write_text(json.dumps(java.ask("load", "memory", "vgg16", w)["spec"]))
    java.ask("free", "memory")
    vals = []
    for _ in range(p["reps"]):
        _, proc = run_timed(["/usr/bin/python3", str(OUT.parent / "peer.py"), "memory", str(spec), p["trainSteps"], batch])
        vals.append(json.loads(proc.stdout.strip().splitlines()[-1])["peakRssMb"])
    out["trainStepTorch"] = stats(vals, "MB (ru_maxrss)")
    out["growth"] = growth(p["growth"])
    return out


def growth(g):
    """Resident memory of whole `irprune train` and `irprune prune` processes, at the end of every
    epoch and every channel group: a steady run stays flat (MB per epoch, MB per group)."""
    d = OUT / "growth"
    if d.exists():
        import shutil
        shutil.rmtree(d)
    d.mkdir(parents=True)
    model = d / "model"
    out = {}
    marks, peak = rss.run_marked([ROOT / "irprune", "train", *g["train"], "--epochs", g["epochs"], "--out", model],
                                 r"\bepoch (\d+)/\d+: loss", cwd=ROOT)
    out["train"] = summarise_marks(marks, peak, f"{g['epochs']} epochs of `irprune train {' '.join(g['train'])}`", "epoch")
    marks, peak = rss.run_marked([ROOT / "irprune", "prune", *g["prune"], "--model", model, "--out", d / "pruned"],
                                 r"\] (\w+): \d+ -> \d+ channels", cwd=ROOT)
    out["prune"] = summarise_marks(marks, peak, f"`irprune prune {' '.join(g['prune'])}` of that model, "
                                                f"{len(marks)} channel groups", "group")
    return out


def summarise_marks(marks, peak, what, unit):
    rss_mb = [m["rssMb"] for m in marks]
    hwm = [m["hwmMb"] for m in marks]
    return {"what": what, "unit": unit, "marks": marks, "peakMb": peak, "n": len(marks),
            "rssFirstMb": rss_mb[0] if rss_mb else None, "rssLastMb": rss_mb[-1] if rss_mb else None,
            "rssSlopeMbPer": rss.slope(rss_mb), "peakSlopeMbPer": rss.slope(hwm)}


STAGES = {"training": training, "selection": selection, "pruned": pruned, "capture": capture, "memory": memory}
