"""Stage 3 of bench/run: the seed's selection rules, IRPrune against the NumPy transcription.

The same CSV files feed all three: IRPrune's library call (SeedSelector.select, timed inside the
warm worker; the CSV is read once, apart), the whole `irprune select` process (JVM start, CSV
read, selection, JSON written), and seedloops.py (the NumPy loops; its CSV read is not timed).
Every run's decisions (pruned by entropy; pruned by redundancy, in order) are checked equal.
"""
import json
import math

from bench import OUT, ROOT, run_timed, stats


def csv_file(rows, columns):
    """Seeded activations (seedloops.py gen, seed = columns), written once and reused by later runs."""
    d = OUT / "select"
    d.mkdir(exist_ok=True)
    f = d / f"act-{rows}x{columns}.csv"
    if not f.exists():
        tmp = f.with_suffix(".tmp")
        run_timed(["/usr/bin/python3", str(OUT.parent / "seedloops.py"), "gen", rows, columns, columns, tmp])
        tmp.rename(f)
    return f


def decisions(r):
    return [list(r["prunedByEntropy"]), list(r["prunedByRedundancy"])]


def process(csv, mode, p):
    """The whole `irprune select` process, timed from outside; returns (seconds, decisions)."""
    out = OUT / "select" / "plan.json"
    argv = [str(ROOT / "irprune"), "select", "--activations", str(csv), "--mode", mode,
            "--entropy", str(p["E"]), "--similarity", str(p["S"]), "--out", str(out)]
    if mode == "conv":
        argv += ["--budget", str(p["budget"])]
    secs, _ = run_timed(argv)
    return secs, decisions(json.loads(out.read_text()))


def python_start(reps):
    """Seconds for a Python process that imports NumPy and ends: the NumPy side's start."""
    return stats([run_timed(["/usr/bin/python3", "-c", "import numpy"])[0] for _ in range(reps)], "s")


def numpy_process(start, read_seconds, loops_median):
    """The NumPy transcription as a whole process: start (with NumPy imported) + its CSV read + the loops."""
    return start["median"] + read_seconds + loops_median


def pairs(c):
    return c * (c + 1) // 2


def selection(plan, java, peer, numpy):
    p = plan["selection"]
    out = {"rows": p["rows"], "E": p["E"], "S": p["S"], "budget": p["budget"], "conv": {}, "dense": {}}
    mismatches = []
    start = python_start(max(3, p["reps"]))
    out["pythonStart"] = start

    def check(what, got, expected):
        if got != expected:
            mismatches.append(what)

    for c in p["conv"]:
        csv = csv_file(p["rows"], c)
        loaded = numpy.ask("load", csv)
        first = java.ask("select", csv, "conv", p["E"], p["S"], p["budget"])
        want = decisions(first)
        lib, proc, ref = [], [], []
        n_reps = p["numpyReps"][str(c)]
        for r in range(max(p["reps"], n_reps)):
            if r < p["reps"]:
                a = java.ask("select", csv, "conv", p["E"], p["S"], p["budget"])
                lib.append(a["seconds"])
                secs, d = process(csv, "conv", p)
                proc.append(secs)
                check(f"conv {c}: irprune select process", d, want)
            if r < n_reps:
                b = numpy.ask("conv", p["E"], p["S"], p["budget"])
                ref.append(b["seconds"])
                check(f"conv {c}: numpy loops", decisions(b), want)
        s_lib, s_proc, s_ref = stats(lib, "s"), stats(proc, "s"), stats(ref, "s")
        out["conv"][str(c)] = {
            "prunedByEntropy": len(want[0]), "prunedByRedundancy": len(want[1]),
            "csvReadSecondsIrprune": first["readSeconds"], "csvReadSecondsNumpy": loaded["readSeconds"],
            "library": s_lib, "process": s_proc, "numpy": s_ref,
            "speedupLibrary": s_ref["median"] / s_lib["median"], "speedupProcess": s_ref["median"] / s_proc["median"],
            "numpyProcess": numpy_process(start, loaded["readSeconds"], s_ref["median"]),
        }
        out["conv"][str(c)]["speedupProcessToProcess"] = out["conv"][str(c)]["numpyProcess"] / s_proc["median"]

    c = p["dense"]
    csv = csv_file(p["rows"], c)
    loaded = numpy.ask("load", csv)
    first = java.ask("select", csv, "dense", p["E"], p["S"])
    want = decisions(first)
    lib, proc = [], []
    for _ in range(p["reps"]):
        lib.append(java.ask("select", csv, "dense", p["E"], p["S"])["seconds"])
        secs, d = process(csv, "dense", p)
        proc.append(secs)
        check(f"dense {c}: irprune select process", d, want)
    measured = {}
    for k in p["numpyDenseColumns"]:
        runs = [numpy.ask("dense", p["E"], p["S"], k) for _ in range(p["numpyReps"]["512"] + 1)]
        est = [r["entropySeconds"] * c / k + r["pairSeconds"] * pairs(c) / pairs(k) for r in runs]
        measured[str(k)] = {"seconds": stats([r["seconds"] for r in runs], "s"),
                            "pairSeconds": stats([r["pairSeconds"] for r in runs], "s"),
                            "entropySeconds": stats([r["entropySeconds"] for r in runs], "s"),
                            "extrapolatedTo" + str(c): stats(est, "s")}
    ks = [str(k) for k in p["numpyDenseColumns"]]
    law = math.log(measured[ks[-1]]["pairSeconds"]["median"] / measured[ks[0]]["pairSeconds"]["median"]) / math.log(
        pairs(int(ks[-1])) / pairs(int(ks[0])))
    s_lib, s_proc = stats(lib, "s"), stats(proc, "s")
    estimate = measured[ks[-1]]["extrapolatedTo" + str(c)]
    dense = {
        "columns": c, "similarityRows": 300, "prunedByEntropy": len(want[0]), "prunedByRedundancy": len(want[1]),
        "csvReadSecondsIrprune": first["readSeconds"], "csvReadSecondsNumpy": loaded["readSeconds"],
        "library": s_lib, "process": s_proc, "numpyOnFirstColumns": measured,
        "numpyExtrapolated": estimate,
        "extrapolation": f"NumPy timed on the first {', '.join(ks)} columns; entropy time scaled by C, the pair loop by "
                         f"C(C+1)/2 (its pairs, diagonal included) up to C = {c}, from the {ks[-1]}-column runs",
        "pairLoopExponentMeasured": law,
        "speedupLibrary": estimate["median"] / s_lib["median"], "speedupProcess": estimate["median"] / s_proc["median"],
        "numpyProcess": numpy_process(start, loaded["readSeconds"], estimate["median"]),
    }
    dense["speedupProcessToProcess"] = dense["numpyProcess"] / s_proc["median"]
    if p["numpyFullDense"]:
        r = numpy.ask("dense", p["E"], p["S"])
        check(f"dense {c}: numpy loops (all columns)", decisions(r), want)
        dense["numpyAllColumnsOnce"] = {"seconds": r["seconds"], "extrapolationError": estimate["median"] / r["seconds"] - 1}
    else:
        r = numpy.ask("dense-check", p["E"], p["S"])
        check(f"dense {c}: numpy loop with one-product similarity", decisions(r), want)
        dense["decisionsCheckedWith"] = "the 4b loop over all columns with similarities from one product (seedloops dense-check)"
    out["dense"] = dense
    out["decisionsEqual"] = not mismatches
    out["mismatches"] = mismatches
    return out
