"""Resident memory of a whole `irprune` process over a long run, read from /proc while it runs.

The process's standard error is read line by line; each line that matches the pattern (a group
finished, an epoch finished: IRPrune logs both) records the process's resident set (VmRSS) and
its peak so far (VmHWM) at that moment. A steady run shows a flat line; a leak, a slope. The slope
is the least-squares fit over the marks after the first `skip` (the first ones include start-up,
the engine's kernels and the JVM heap growing to its working size).
"""
import re
import subprocess
import threading
import time


def status_mb(pid):
    """VmRSS and VmHWM of a live process, in MB (None once it has ended)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            fields = dict(line.split(":", 1) for line in f if line.startswith(("VmRSS", "VmHWM")))
        return {k: int(v.split()[0]) / 1024 for k, v in fields.items()}
    except (OSError, ValueError):
        return None


def run_marked(argv, pattern, cwd=None, env=None, every=0.2):
    """Runs argv; returns (marks, peak): each mark {label, seconds, rssMb, hwmMb} at a matching
    stderr line, and the largest VmHWM seen. Fails with the process's last stderr line."""
    regex = re.compile(pattern)
    start = time.perf_counter()
    proc = subprocess.Popen([str(a) for a in argv], cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    marks, tail, peak = [], [], [0.0]

    def poll():  # the peak between marks, in case the process ends before a last read
        while proc.poll() is None:
            s = status_mb(proc.pid)
            if s and "VmHWM" in s:
                peak[0] = max(peak[0], s["VmHWM"])
            time.sleep(every)

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    stdout = []
    reader = threading.Thread(target=lambda: stdout.append(proc.stdout.read()), daemon=True)
    reader.start()
    for line in proc.stderr:
        tail = (tail + [line.rstrip()])[-5:]
        m = regex.search(line)
        if m:
            s = status_mb(proc.pid)
            if s:
                marks.append({"label": m.group(1), "seconds": time.perf_counter() - start,
                              "rssMb": s["VmRSS"], "hwmMb": s["VmHWM"]})
                peak[0] = max(peak[0], s["VmHWM"])
    code = proc.wait()
    poller.join()
    reader.join()
    if code != 0:
        raise RuntimeError(f"{' '.join(map(str, argv[:3]))} ... failed ({code}): {tail[-1] if tail else '(no output)'}")
    return marks, peak[0]


def slope(values, skip=1):
    """Least-squares slope of values[skip:] against their index (units per mark); None if too few."""
    ys = values[skip:]
    n = len(ys)
    if n < 2:
        return None
    mx = (n - 1) / 2
    my = sum(ys) / n
    return sum((i - mx) * (y - my) for i, y in enumerate(ys)) / sum((i - mx) ** 2 for i in range(n))
