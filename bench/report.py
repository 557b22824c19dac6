"""Renders bench/results.json as bench/RESULTS.md: the machine, the method, one table per
measurement, and the findings (bench/findings.md, written by hand from profiles of these runs)."""
from pathlib import Path

HERE = Path(__file__).resolve().parent


def f(s, scale=1.0, d=1):
    """'median (min-max)' of a stats dict."""
    if not s:
        return "-"
    fmt = f"{{:,.{d}f}}"
    return f"{fmt.format(s['median'] * scale)} ({fmt.format(s['min'] * scale)}–{fmt.format(s['max'] * scale)})"


def r(x, d=2):
    return "-" if x is None else f"{x:.{d}f}"


def machine(res):
    m = res["machine"]
    rows = [("CPU", f"{m['cpu']}, {m['cores']} cores ({', '.join(m['simd'])})"), ("Memory", f"{m['memoryGb']} GB"),
            ("Kernel", m["kernel"]), ("Java", m["java"]),
            ("IRPrune", f"{m['irprune']} on DJL {m['djl']}, libtorch {m['libtorchIrprune']} (CPU), {m['irpruneThreads']} intra-op threads"),
            ("PyTorch peer", f"torch {m['torchPeer']} ({m['torchPeerDebianPackage']}, i.e. libtorch {m['libtorchPeer']}), "
                             f"{m['peerThreads']} threads, BLAS: {m['peerBlas']}, oneDNN: {m['peerMkldnn']}"),
            ("NumPy peer", f"numpy {m['numpy']}, Python {m['python']}"),
            ("Load average", f"{' '.join(m['loadAverageAtStart'])} at the start, {' '.join(res['loadAverageAtEnd'])} at the end")]
    return "| | |\n|---|---|\n" + "\n".join(f"| {a} | {b} |" for a, b in rows)


def widths(t):
    """(key, name) of each network width the training stage measured."""
    names = {"1.0": "VGG16 full width", "0.25": "VGG16 width ÷4"}
    return [(k, names.get(k[5:], f"VGG16 width {k[5:]}")) for k in t if k.startswith("width")]


def training(t):
    out = ["| network | forward MACs/image | | IRPrune images/s | PyTorch images/s | ratio of medians | paired ratios | others' cores | quiet rounds: ratio (n) |",
           "|---|---|---|---|---|---|---|---|---|"]
    for w, name in widths(t):
        v = t[w]
        for k, label in (("train", "training"), ("infer", "inference")):
            x = v[k]
            q = x.get("quietRounds")
            out.append(f"| {name} | {v['forwardMacsPerImage']:,} | {label} | {f(x['irprune'])} | {f(x['torch'])} | "
                       f"**{r(x['ratio']['ofMedians'])}** | {f(x['ratio'], d=2)} | {f(x['othersBusy'], d=2)} | "
                       f"{r(q['ratio']['ofMedians']) + ' (' + str(q['ratio']['n']) + ')' if q else '-'} |")
    return "\n".join(out)


def efficiency(t):
    out = ["| network | IRPrune training GFLOP/s | matmul GFLOP/s (same JVM) | efficiency | quiet rounds | PyTorch peer's matmul GFLOP/s |",
           "|---|---|---|---|---|---|"]
    for w, name in widths(t):
        v = t[w]
        out.append(f"| {name} | {f(v['trainFlops'], 1e-9)} | {f(v['matmulPeak'], 1e-9)} | **{f(v['efficiency'], 100, 0)} %** | "
                   f"{f(v['efficiencyQuietRounds'], 100, 0) + ' %' if v['efficiencyQuietRounds'] else '-'} | {f(v['matmulPeakTorchPeer'], 1e-9)} |")
    return "\n".join(out)


def selection(s):
    out = [f"Rules: E = {s['E']}, S = {s['S']}, conv budget p = {s['budget']}; N = {s['rows']:,} rows. Seconds, median (min–max).", "",
           "| mode, C | pruned (entropy + redundancy) | IRPrune library call | `irprune select` process | NumPy loops | speedup: library | speedup: process | NumPy as a process | speedup: process to process |",
           "|---|---|---|---|---|---|---|---|---|"]
    for c, v in s["conv"].items():
        out.append(f"| conv, {c} | {v['prunedByEntropy']} + {v['prunedByRedundancy']} | {f(v['library'], d=3)} | {f(v['process'], d=2)} | "
                   f"{f(v['numpy'], d=2)} (n={v['numpy']['n']}) | **{v['speedupLibrary']:,.0f}×** | **{v['speedupProcess']:,.1f}×** | "
                   f"{v['numpyProcess']:.2f} | **{v['speedupProcessToProcess']:,.1f}×** |")
    d = s["dense"]
    out.append(f"| dense, {d['columns']} | {d['prunedByEntropy']} + {d['prunedByRedundancy']} | {f(d['library'], d=3)} | "
               f"{f(d['process'], d=2)} | {f(d['numpyExtrapolated'], d=0)} (extrapolated) | **{d['speedupLibrary']:,.0f}×** | **{d['speedupProcess']:,.1f}×** | "
               f"{d['numpyProcess']:.0f} | **{d['speedupProcessToProcess']:,.1f}×** |")
    out += ["", f"Dense mode: {d['extrapolation']}; the pair loop's measured growth from the smaller to the larger run is "
                f"C^{2 * d['pairLoopExponentMeasured']:.2f} (2 would be exactly quadratic)."]
    once = d.get("numpyAllColumnsOnce")
    if once:
        out.append(f"The full NumPy loop over all {d['columns']} columns was also run once: {once['seconds']:.0f} s "
                   f"(the extrapolation was off by {100 * once['extrapolationError']:+.0f} %).")
    out.append(f"NumPy as a process: a Python start that imports NumPy ({s['pythonStart']['median']:.2f} s, median), its CSV read "
               f"and the loops, each measured apart; \"speedup: process\" sets the whole `irprune select` process against "
               f"the NumPy loops alone.")
    out.append(f"CSV read (not in the library or NumPy times): IRPrune {d['csvReadSecondsIrprune']:.1f} s, NumPy "
               f"{d['csvReadSecondsNumpy']:.1f} s for the {d['columns']}-column file.")
    out.append("")
    out.append("**Decisions equal in every run** (IRPrune library, `irprune select`, NumPy)." if s["decisionsEqual"]
               else "**Decisions differ:** " + "; ".join(s["mismatches"]))
    return "\n".join(out)


def vgg(width):
    return "full-width VGG16" if float(width) == 1.0 else "VGG16 width ÷4" if float(width) == 0.25 else f"VGG16 at width {width}"


def pruned(p, plan):
    out = []
    train = plan["seedRule"]["train"]
    for group, title in (("uniform", f"Uniform keeps of every conv and hidden dense layer ({vgg(plan.get('width', 1.0))}, "
                                     "random weights)"),
                         ("seedRule", f"The seed rule's own networks (`irprune train {' '.join(train)}`, "
                                      "pruned by `irprune prune E S` without fine-tuning; unpruned = that trained network)")):
        out += [f"**{title}**", "",
                "| network | MACs | MAC ratio | batch 1: ms | speedup | **÷ MAC ratio** | best rounds | batch 128: ms | speedup | **÷ MAC ratio** | best rounds | PyTorch peer ÷ MAC ratio, b1 / b128 | 16-channel MAC ratio; b128 speedup ÷ it | ONNX Runtime ms, b1 / b128: median [min–max] (× IRPrune's time) | ONNX Runtime: speedup ÷ MAC ratio, b1 / b128 (best rounds) |",
                "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
        base = next((v for v in p[group].values() if isinstance(v, dict)), None)
        for k, v in p[group].items():
            if not isinstance(v, dict):
                continue
            b1, b128 = v["batch1"], v["batch128"]
            out.append(f"| {k} | {v['macs']:,} | {v['macRatio']:.2f} | {f(b1['latencyIrprune'], 1e3, 2)} | {r(b1['speedupIrprune']['ofMedians'])} | "
                       f"**{r(b1['speedupOverMacRatioIrprune'])}** | {r(b1['speedupOverMacRatioIrpruneBest'])} | "
                       f"{f(b128['latencyIrprune'], 1e3, 0)} | {r(b128['speedupIrprune']['ofMedians'])} | "
                       f"**{r(b128['speedupOverMacRatioIrprune'])}** | {r(b128['speedupOverMacRatioIrpruneBest'])} | "
                       f"{r(b1['speedupOverMacRatioTorch'])} / {r(b128['speedupOverMacRatioTorch'])} | "
                       f"{v['blockedMacRatio']:.2f}; {r(b128['speedupOverBlockedMacRatioIrprune'])} | {onnx(v)} | {onnx_speedup(v, base)} |")
        out.append("")
    rounded = [(k, v) for k, v in p["seedRule"].items() if isinstance(v, dict) and v.get("roundTo")]
    if rounded:
        out += ["-rN: pruned with `--round-to N` (every group keeps a multiple of N channels, keeping back the best-scored "
                "of those the rule removes). Channels kept per group, the rule's count → after rounding:", ""]
        for k, v in rounded:
            out.append(f"- {k}: " + ", ".join(str(a) if a == b else f"{a}→{b}" for a, b in v["ruleKept"]))
        out.append("")
    out.append("\"best rounds\": the same ratio from the fastest round of each network (least disturbed by other processes). "
               "\"16-channel MAC ratio\": the MAC ratio with every convolution's channel counts rounded up to a multiple of "
               "16, the block the engine's AVX-512 convolution kernels compute in (see the findings).")
    profiled = [(k, v["convProfile"]) for k, v in p["seedRule"].items() if isinstance(v, dict) and v.get("convProfile")]
    if profiled:
        out += ["", conv_profile(profiled)]
    return "\n".join(out)


def conv_profile(profiled):
    """Section 4's profile: each convolution's rate in every seed-rule network, and what the layers' MAC mix predicts."""
    base = profiled[0][1]
    shown = [(k, v) for k, v in profiled[1:] if "-r8" not in k] or profiled[1:]
    out = ["**Where the time goes: each convolution under the engine's profiler** (batch 128, the deployed forward; "
           "median ms per batch, in brackets GFLOP/s = 2 × MACs ÷ time; the engine's reorders to and from its blocked "
           "layout are part of each convolution's time)", "",
           "| layer | input (base) | base MMAC | base ms (GFLOP/s) | " + " | ".join(k for k, _ in shown) + " |",
           "|---|---|---|---|" + "---|" * len(shown)]
    for i, l in enumerate(base["layers"]):
        cells = []
        for _, v in shown:
            m = v["layers"][i]
            cells.append(f"{m['input'][1]}→{m['filters']}: {m['ms']:.2f} ({2 * m['macs'] / m['ms'] / 1e6:.0f})")
        n, c, h, w = l["input"]
        out.append(f"| {l['name']} | {c}×{h}×{w} | {l['macs'] / 1e6:,.0f} | {l['ms']:.2f} ({2 * l['macs'] / l['ms'] / 1e6:.0f}) | "
                   + " | ".join(cells) + " |")
    out += ["", "| network | convolutions: MAC ratio | time ratio had every layer kept the base's rate | time ratio measured (profile) | measured ÷ MAC ratio |",
            "|---|---|---|---|---|"]
    for k, v in profiled[1:]:
        out.append(f"| {k} | {v['convMacRatio']:.2f} | {v['convSpeedupAtBaseRates']:.2f} | {v['convSpeedup']:.2f} | "
                   f"**{v['convSpeedup'] / v['convMacRatio']:.2f}** |")
    out += ["", "\"Had every layer kept the base's rate\": the base's time of each convolution scaled by the MACs the pruned "
            "network has left in it. Where that is well below the MAC ratio, the rule removed MACs where the base computed "
            "fast and kept them where it computed slowly; the rest of the gap, down to the measured ratio, is what the "
            "smaller channel counts cost."]
    return "\n".join(out)


def onnx_speedup(v, base):
    """ONNX Runtime's own speedup (its time for the unpruned network ÷ its time for this one) ÷ the MAC ratio, b1 / b128:
    from the medians over rounds, and in brackets from the fastest round of each."""
    got = [(v.get("onnxRuntimeBatch" + b), base.get("onnxRuntimeBatch" + b)) for b in ("1", "128")]
    if any(not isinstance(g, dict) or not isinstance(h, dict) or "latency" not in g or "latency" not in h for g, h in got):
        return "–"
    return " / ".join(f"**{h['latency']['median'] / g['latency']['median'] / v['macRatio']:.2f}** "
                      f"({h['latency']['min'] / g['latency']['min'] / v['macRatio']:.2f})" for g, h in got)


def onnx(v):
    """ONNX Runtime's median latency per batch at batch 1 and 128 (ms), and as a fraction of IRPrune's own forward's."""
    got = [v.get("onnxRuntimeBatch" + b) for b in ("1", "128")]
    if any(not isinstance(g, dict) or "latency" not in g for g in got):
        return "–"
    return " / ".join(f"{1e3 * g['latency']['median']:.2f} [{1e3 * g['latency']['min']:.2f}–{1e3 * g['latency']['max']:.2f}] "
                      f"({g['ofIrprune']['ofMedians']:.2f}×)" for g in got)


def capture(c, plan):
    out = [f"{c['images']:,} images, {vgg(plan.get('width', 1.0))}, batches of 250 (as Capture runs them). Images/s, median (min–max).", "",
           "| layer | capture | plain forward to the layer | capture overhead |", "|---|---|---|---|"]
    for layer, v in c["layers"].items():
        out.append(f"| {layer} | {f(v['capture'])} | {f(v['forwardTo'])} | **{f(v['overhead'], 100, 1)} %** |")
    out.append(f"| (whole network, Evaluator) | | {f(c['evaluate'])} | |")
    return "\n".join(out)


def memory(m):
    out = ["| what | peak RSS, MB |", "|---|---|"]
    for k in ("loaded", "trainStep", "capture"):
        out.append(f"| {m['what'][k]} | **{f(m[k], d=0)}** |")
    out.append(f"| the same training steps in the PyTorch peer | {f(m['trainStepTorch'], d=0)} |")
    g = m.get("growth")
    if g:
        out += ["", "Long runs, each a whole `irprune` process: resident memory (VmRSS) and its peak so far (VmHWM) at the end "
                    "of every epoch or channel group; the slope is the least-squares fit after the first one.", "",
                "| run | marks | RSS at the first → last, MB | RSS slope, MB per mark | peak, MB | peak slope, MB per mark |",
                "|---|---|---|---|---|---|"]
        for k in ("train", "prune"):
            v = g[k]
            out.append(f"| {v['what']} | {v['n']} {v['unit']}s | {r(v['rssFirstMb'], 0)} → {r(v['rssLastMb'], 0)} | "
                       f"**{r(v['rssSlopeMbPer'], 1)}** per {v['unit']} | {r(v['peakMb'], 0)} | "
                       f"**{r(v['peakSlopeMbPer'], 1)}** per {v['unit']} |")
    return "\n".join(out)


def render(res, findings=True):
    """RESULTS.md from the results; with findings, bench/findings.md (written by hand) is appended."""
    findings = (HERE / "findings.md").read_text() if findings and (HERE / "findings.md").exists() else ""
    parts = [
        "# IRPrune benchmarks: results",
        "",
        f"Written by `bench/run{'' if res['mode'] == 'full' else ' --' + res['mode']}` ({res['mode']} run, started {res['started']}, "
        f"{res['totalSeconds'] / 60:.1f} minutes). Every figure is median (min–max) over repeated rounds; the raw values are in "
        "`results.json`. How it is measured: [README.md](README.md).",
        "", "## Machine", "", machine(res), "",
        "The machine is shared. Each timed call records how many cores other processes kept busy meanwhile "
        "(\"others' cores\", from /proc/stat); rounds where that stayed under a quarter of a core are reported apart as "
        "\"quiet rounds\". Before each round of sections 1, 2, 4 and 5 the run waits for such a quiet moment, "
        f"within a budget: it waited {res['quietWait']['waitedSeconds']:.0f} s of {res['quietWait']['budgetSeconds']} s, and "
        f"{res['quietWait']['roundsStartedBusy']} of {res['quietWait']['rounds']} rounds started busy.",
    ]
    if "training" in res:
        t = res["training"]
        parts += ["", "## 1. Training and inference throughput against PyTorch", "",
                  f"Batch {t['batch']}, 32×32×3, Adam (7.5e-5, ε 1e-7), cross-entropy + L2, dropout 0.5 as in the seed; inference "
                  "in inference mode at batch 128. A round is one IRPrune call then one PyTorch call. Ratio > 1: IRPrune faster.", "",
                  training(t), "", "## 2. Efficiency against the machine's practical limit", "",
                  f"{t['flopsFormula']}. Peak: one {t['matmulN']}×{t['matmulN']} float32 matrix product through DJL's "
                  "`NDArray.matMul` in the same JVM, best of two per round, next to each training round. The PyTorch peer's "
                  f"column is its own {t.get('torchMatmulN', 2048)}² product, for context.", "", efficiency(t)]
    if "selection" in res:
        parts += ["", "## 3. Selection speed", "", selection(res["selection"])]
    if "pruned" in res:
        parts += ["", "## 4. Real speedup of pruned networks", "",
                  "Inference latency per batch (IRPrune's forward as deployed: inference mode, batch norm folded into the "
                  "convolutions as `irprune eval` and the ONNX export do; input converted from bytes, logits read "
                  "back), pruned against its own unpruned network, rounds interleaving all networks (each round starting one network "
                  "later); a round's figure for a network is the median of the passes it runs back to back (iters in the plan). Speedup = unpruned time "
                  "÷ pruned time (ratio of medians); MAC ratio = unpruned MACs ÷ pruned MACs. Aim: speedup ÷ MAC ratio ≥ 0.8.", "",
                  pruned(res["pruned"], res["plan"]["pruned"])]
    if "capture" in res:
        parts += ["", "## 5. Capture overhead", "", capture(res["capture"], res["plan"]["capture"])]
    if "memory" in res:
        parts += ["", "## 6. Peak memory", "", "Each in its own fresh process (JVM default heap limit, a quarter of the memory).", "",
                  memory(res["memory"])]
    if findings:
        parts += ["", findings.strip()]
    return "\n".join(parts) + "\n"
