#!/usr/bin/python3
"""Driver of bench/run: starts the workers, runs the stages (stages.py), writes the results.

Two long-lived workers answer one timed command at a time: IRPrune's (a JVM running
dev.irprune.bench.Worker on target/classes) and PyTorch's (peer.py), plus the NumPy transcription
of the seed's selection loops (seedloops.py). The driver alternates their commands (A, B, A, B,
...), so each ratio compares runs taken minutes apart at most; while one side runs the others wait
on their input and use no CPU. Every timed call also records how many cores other processes kept
busy meanwhile (from /proc/stat), since the machine is shared.
"""
import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
TICK = os.sysconf("SC_CLK_TCK")


# The commands that time something, and the pause before each of them (see Worker.ask).
TIMED = {"train", "infer", "onnx", "capture", "forwardto", "evaluate", "matmul", "select", "layers"}
SETTLE_SECONDS = 0.25


def stats(values, unit):
    """min/median/max of repeated measurements, with the values themselves."""
    v = [float(x) for x in values]
    return {"unit": unit, "n": len(v), "min": min(v), "median": statistics.median(v), "max": max(v), "values": v}


def busy_jiffies():
    with open("/proc/stat") as f:
        cpu = [int(x) for x in f.readline().split()[1:]]
    return sum(cpu) - cpu[3] - cpu[4]  # all but idle and iowait


def process_jiffies(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12]) + int(fields[13]) + int(fields[14])
    except OSError:
        return 0


class Quiet:
    """Starts rounds when other processes leave the CPU alone, waiting at most a budget per run."""

    def __init__(self, budget_seconds, threshold):
        self.budget, self.threshold = budget_seconds, threshold
        self.waited, self.rounds, self.busy_starts = 0.0, 0, 0

    @staticmethod
    def others_now(window=0.5):
        b = busy_jiffies()
        time.sleep(window)
        return (busy_jiffies() - b) / TICK / window  # the workers are idle between calls: all of this is others'

    def wait(self):
        self.rounds += 1
        while self.others_now() >= self.threshold:
            if self.waited >= self.budget:
                self.busy_starts += 1
                return
            time.sleep(2)
            self.waited += 2.5

    def summary(self):
        return {"budgetSeconds": self.budget, "waitedSeconds": self.waited, "rounds": self.rounds,
                "roundsStartedBusy": self.busy_starts}


class Worker:
    """A process answering one line of JSON per command line."""

    def __init__(self, name, argv, env=None):
        self.name = name
        self.log = open(OUT / f"{name}.log", "w")
        self.proc = subprocess.Popen(argv, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log,
                                     text=True, env=env)
        self.others = []  # cores other processes kept busy during each timed call

    def ask(self, *words):
        line = " ".join(str(w) for w in words)
        if words and words[0] in TIMED:
            # Let the previous call's threads go idle first: OpenMP and ONNX Runtime threads spin for
            # a while after a parallel region (up to 200 ms with Intel's OpenMP), and a call started
            # at once competes with them for the two cores.
            time.sleep(SETTLE_SECONDS)
        b0, p0, t0 = busy_jiffies(), process_jiffies(self.proc.pid), time.perf_counter()
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        reply = self.proc.stdout.readline()
        wall = time.perf_counter() - t0
        if not reply:
            raise RuntimeError(f"{self.name} stopped while running '{line}' (see {self.log.name})")
        r = json.loads(reply)
        if "error" in r:
            raise RuntimeError(f"{self.name}: '{line}': {r['error']} (see {self.log.name})")
        others = (busy_jiffies() - b0 - (process_jiffies(self.proc.pid) - p0)) / TICK / max(wall, 1e-9)
        # shorter calls span too few clock ticks (1/100 s) to say: None
        r["others"] = max(0.0, others) if wall >= 0.2 else None
        if r["others"] is not None:
            self.others.append(r["others"])
        return r

    def close(self):
        if self.proc.poll() is None:
            self.proc.stdin.write("quit\n")
            self.proc.stdin.flush()
            self.proc.wait(timeout=60)
        self.log.close()


def java_argv(main, *args):
    """A JVM started as the launcher starts irprune's (its JVM options file), on the harness and IRPrune's classes."""
    cp = [str(HERE / "out" / "classes"), str(ROOT / "target" / "classes")] + sorted(str(p) for p in (ROOT / "target" / "lib").glob("*.jar"))
    return ["java", "@" + str(ROOT / "src" / "main" / "launcher" / "jvm.options"), "-Dai.djl.offline=true", "-cp", ":".join(cp),
            main] + [str(a) for a in args]


def run_timed(argv, **kw):
    """Runs a whole process; returns (seconds, completed process). Fails with its stderr's last line."""
    t = time.perf_counter()
    argv = [str(a) for a in argv]
    p = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, **kw)
    seconds = time.perf_counter() - t
    if p.returncode != 0:
        last = (p.stderr.strip().splitlines() or ["(no output)"])[-1]
        raise RuntimeError(f"{' '.join(map(str, argv[:3]))} ... failed ({p.returncode}): {last}")
    return seconds, p


def machine(java_info, peer_info):
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    flags = next((l.split(":", 1)[1].split() for l in open("/proc/cpuinfo") if l.startswith("flags")), [])
    mem_kb = next(int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal"))
    deb = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "python3-torch"], capture_output=True, text=True).stdout
    npv = subprocess.run(["/usr/bin/python3", "-c", "import numpy; print(numpy.__version__)"], capture_output=True, text=True).stdout.strip()
    return {
        "cpu": cpu, "cores": os.cpu_count(), "simd": [f for f in ("avx2", "fma", "avx512f") if f in flags],
        "memoryGb": round(mem_kb / 1024 / 1024, 1), "kernel": platform.release(),
        "java": java_info["java"], "irprune": java_info["irprune"], "djl": java_info["djl"],
        "libtorchIrprune": java_info["libtorch"], "irpruneThreads": java_info["threads"],
        "torchPeer": peer_info["torch"], "torchPeerDebianPackage": "python3-torch " + deb,
        "libtorchPeer": peer_info["torch"].split("a")[0], "peerThreads": peer_info["threads"],
        "peerBlas": peer_info["blas"][-1].split("BLAS_INFO=")[1].split(",")[0] if peer_info["blas"] else "unknown",
        "peerMkldnn": peer_info["mkldnn"], "python": peer_info["python"], "numpy": npv,
        "loadAverageAtStart": open("/proc/loadavg").read().split()[:3],
    }


def numbers(x):
    """Whether a stage's result holds at least one finite number (what --smoke checks)."""
    if isinstance(x, bool):
        return False
    if isinstance(x, (int, float)):
        return x == x and abs(x) != float("inf")
    if isinstance(x, dict):
        return any(numbers(v) for v in x.values())
    if isinstance(x, (list, tuple)):
        return any(numbers(v) for v in x)
    return False


def main():
    ap = argparse.ArgumentParser(description="IRPrune benchmarks, side by side in one run")
    modes = ap.add_mutually_exclusive_group()
    modes.add_argument("--quick", action="store_true", help="fewer rounds and steps: about 15-18 minutes on 2 cores")
    modes.add_argument("--smoke", action="store_true",
                       help="every stage once at tiny sizes (under 2 minutes): checks that the harness runs, measures nothing")
    ap.add_argument("--only", help="comma-separated stages to run (" + ",".join(__import__("stages").STAGES) + ")")
    args = ap.parse_args()
    import stages
    mode = "smoke" if args.smoke else "quick" if args.quick else "full"
    plan = stages.PLANS[mode]
    OUT.mkdir(exist_ok=True)
    start = time.perf_counter()
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    java = Worker("irprune-worker", java_argv("dev.irprune.bench.Worker"))
    peer = Worker("torch-peer", ["/usr/bin/python3", str(HERE / "peer.py")], env=env)
    numpy = Worker("numpy-seedloops", ["/usr/bin/python3", str(HERE / "seedloops.py"), "serve"], env=env)
    results = {"mode": mode, "plan": plan, "started": time.strftime("%Y-%m-%d %H:%M:%S %Z")}
    stages.QUIET_WAIT = Quiet(plan["quietWaitSeconds"], stages.QUIET)
    failed = []
    try:
        results["machine"] = machine(java.ask("info"), peer.ask("info"))
        wanted = args.only.split(",") if args.only else list(stages.STAGES)
        for name in wanted:
            t = time.perf_counter()
            print(f"[bench] {name} ...", flush=True)
            try:
                results[name] = stages.STAGES[name](plan, java, peer, numpy)
            except Exception as e:  # noqa: BLE001 -- a smoke run reports every stage that fails, then exits non-zero
                if not args.smoke:
                    raise
                failed.append(f"{name}: {e}")
                print(f"[bench] {name} FAILED: {e}", flush=True)
                continue
            results[name]["stageSeconds"] = time.perf_counter() - t
            if args.smoke and not numbers({k: v for k, v in results[name].items() if k != "stageSeconds"}):
                failed.append(f"{name}: produced no number")
            print(f"[bench] {name} done in {time.perf_counter() - t:.0f} s", flush=True)
    finally:
        for w in (java, peer, numpy):
            w.close()
    results["contention"] = {w.name: stats(w.others or [0], "cores busy with other processes") for w in (java, peer, numpy)}
    results["quietWait"] = stages.QUIET_WAIT.summary()
    results["loadAverageAtEnd"] = open("/proc/loadavg").read().split()[:3]
    results["totalSeconds"] = time.perf_counter() - start
    target = OUT / "results-smoke.json" if args.smoke else OUT / "results-partial.json" if args.only else HERE / "results.json"
    target.write_text(json.dumps(results, indent=1) + "\n")
    import report
    if args.smoke:
        print(report.render(results, findings=False), flush=True)
    elif not args.only:
        (HERE / "RESULTS.md").write_text(report.render(results))
    print(f"[bench] wrote {target} in {results['totalSeconds'] / 60:.1f} min", flush=True)
    if failed:
        print("[bench] smoke run failed: " + "; ".join(failed), file=sys.stderr, flush=True)
        sys.exit(1)


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    main()
