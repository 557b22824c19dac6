#!/usr/bin/env python3
"""Renders QUALITY.md from the runs of scripts/quality/run (standard library only).

Usage: render.py WORKDIR QUALITY.md DOCS_DIR
Reads WORKDIR/models/*/training.json and *.eval.json, WORKDIR/sweeps/*/sweep.json and the per-run
report.json files, WORKDIR/commands.log; copies the Pareto charts into DOCS_DIR and includes the
hand-written DOCS_DIR/conclusions.md and DOCS_DIR/published.md.
"""
import json
import os
import re
import shutil
import sys
from collections import defaultdict

work, target, docs = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(docs, exist_ok=True)
NAMES = {"vgg16bn-w4": "VGG16-BN at a quarter width", "resnet20": "ResNet-20 (option A shortcuts)"}


def load(path):
    with open(path) as f:
        return json.load(f)


def pct(x):
    return "" if x is None else f"{100 * x:.2f}"


def relative(cmd):
    """The command as run from the repository's root: ./irprune, the work folder as quality-runs."""
    return re.sub(r"^\S*/irprune ", "./irprune ", cmd.replace(work, "quality-runs")).replace("\\,", ",")


def commands():
    """(command, seconds) for every step the script ran, from commands.log, and the study's wall time
    (from the first command's start to the last one's end)."""
    from datetime import datetime, timedelta
    out, starts, ends = [], [], []
    for line in open(os.path.join(work, "commands.log")):
        m = re.match(r"(\S+) (\d+) s: (.*)", line)
        if m:
            end = datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%SZ")
            out.append((relative(m.group(3).strip()), int(m.group(2))))
            ends.append(end)
            starts.append(end - timedelta(seconds=int(m.group(2))))
    # A command run again (after an interruption, or to find its work done) counts once, with its times summed.
    summed = {}
    for c, s in out:
        summed[c] = summed.get(c, 0) + s
    wall = (max(ends) - min(starts)).total_seconds() if ends else None
    return list(summed.items()), wall


lines = ["# Quality: is importance-then-redundancy pruning any good?", "",
         "Made by `scripts/quality/run` (then `scripts/quality/render.py`) from real runs on this project's machine; "
         "every figure below comes from the run folders, and the run can be repeated (each step resumes after an "
         "interruption). The data is Debian's Fashion-MNIST (60,000 training and 10,000 test images).", ""]

# Machine and timings
machine = None
for m in NAMES:
    sw = os.path.join(work, "sweeps", m, "points")
    if os.path.isdir(sw):
        for root, _, files in os.walk(sw):
            if "report.json" in files:
                machine = load(os.path.join(root, "report.json"))["provenance"]["machine"]
                versions = load(os.path.join(root, "report.json"))["provenance"]["versions"]
                break
    if machine:
        break
commits = {}
for root, _, files in os.walk(os.path.join(work, "sweeps")):
    if "report.json" in files:
        v = load(os.path.join(root, "report.json"))["provenance"]["versions"]
        commits[v["commit"]] = commits.get(v["commit"], 0) + 1
if machine:
    built = "; ".join(f"{n} runs by commit {c}" for c, n in sorted(commits.items(), key=lambda x: -x[1]))
    lines += [f"Machine: {machine['cpu']}, {machine['cores']} cores, engine threads {machine['engineThreads']}, {machine['os']}; "
              f"IRPrune {versions['irprune']}, DJL {versions['djl']}, PyTorch {versions['pytorch']}, Java {versions['java']}. "
              f"Code: {built}.", ""]
cmds, wall = commands()
total = sum(s for _, s in cmds)
lines += ["## How it was made", "", f"Wall time of the training and the sweeps: {(wall or total) / 3600:.2f} h "
          f"({total / 3600:.2f} h of jobs, two at a time). The commands, in the order they ended, with their times:", "",
          "| command | time |", "|---|---:|"]
shown = set()
for c, s in cmds:
    m = re.match(r"(.*) --point (\d+)$", c)
    if m:
        # a sweep's points: the command once, then each point by its index
        if m.group(1) not in shown:
            shown.add(m.group(1))
            lines.append(f"| `{m.group(1)} --point K`, K = | |")
        c = f"… --point {m.group(2)}"
    else:
        c = f"`{c}`"
    lines.append(f"| {c} | {int(s) // 60} min {int(s) % 60} s |")
lines.append("")

src = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "run")).read()
sizes = re.findall(r"^([A-Z_]+)=(\d+)\s*(#.*)?$", src, re.M)
lines += ["Sizes (from the script):", ""]
for k, v, c in sizes:
    lines.append(f"- `{k}` = {v}{(': ' + c.lstrip('# ')) if c else ''}")
lines += ["- the base models are trained on all 60,000 training images and evaluated on all 10,000 test images;",
          "- in the sweeps, each group's fine-tuning is one epoch over the first training images above, and every accuracy "
          "is measured on the first test images above (the same images for every run, so the columns compare);",
          "- baselines keep exactly the reference rule's channels per group at each point (identical MACs and parameters); "
          "the control fine-tunes the unpruned network exactly as a pruning run does (one epoch after each group).", ""]

for m, title in NAMES.items():
    sweep_file = os.path.join(work, "sweeps", m, "sweep.json")
    if not os.path.exists(sweep_file):
        continue
    sweep = load(sweep_file)
    rows = sweep["rows"]
    training = load(os.path.join(work, "models", m, "training.json"))
    ev = load(os.path.join(work, "models", m + ".eval.json"))
    crits = []
    for r in rows:
        if r["criterion"] not in crits and r["criterion"] != "control":
            crits.append(r["criterion"])
    by_point = defaultdict(dict)
    for r in rows:
        by_point[r["folder"]][r["criterion"]] = r
    control = next((r for r in rows if r["criterion"] == "control"), None)
    base_acc = rows[0]["accuracyBefore"] if rows else None
    lines += [f"## {title}", "",
              f"Trained {training['epochsDone']} epochs ({training['seconds'] / 60:.1f} min): test accuracy "
              f"**{100 * ev['accuracy']:.2f} %** on all 10,000 test images; {100 * base_acc:.2f} % on the first "
              f"{training['testImages'] if False else sweep['settings']['data']['testLimit']} used in the sweep.", ""]
    if control:
        lines += [f"Control (the unpruned network fine-tuned as a pruning run is): {pct(control['accuracyAfter'])} %.", ""]
    head = "| E | S | MACs ÷ | params ÷ | " + " | ".join(f"{c} %" for c in crits) + " | seed, no fine-tuning % |"
    lines += ["Test accuracy after pruning and fine-tuning, by criterion, at the reference rule's widths "
              "(MACs ÷ is unpruned MACs / pruned MACs):", "", head, "|" + "---:|" * (5 + len(crits))]
    for point, crit in by_point.items():
        if "seed" not in crit:
            continue
        s = crit["seed"]
        cells = [pct(crit[c]["accuracyAfter"]) if c in crit else "" for c in crits]
        lines.append(f"| {s['entropy']} | {s['similarity']} | {s['macRatio']:.2f} | {s['paramRatio']:.2f} | " + " | ".join(cells)
                     + f" | {pct(s['accuracyWithoutFinetune'])} |")
    lines.append("")
    lines += ["The same networks before any fine-tuning (every group cut, nothing retrained): how much each "
              "criterion's choice keeps on its own:", "", "| E | S | " + " | ".join(f"{c} %" for c in crits) + " |",
              "|" + "---:|" * (2 + len(crits))]
    for point, crit in by_point.items():
        if "seed" in crit:
            s = crit["seed"]
            lines.append(f"| {s['entropy']} | {s['similarity']} | "
                         + " | ".join(pct(crit[c]["accuracyWithoutFinetune"]) if c in crit else "" for c in crits) + " |")
    n = sweep["settings"]["data"]["testLimit"]
    se = 100 * (0.88 * 0.12 / n) ** 0.5
    lines += ["", f"Each cell is one run, measured on {n:,} test images: the sampling error of one accuracy near 88 % is "
              f"±{se:.2f} points (one standard error), so differences of a point or so between two cells are not evidence "
              "on their own; the counts over many points below are.", ""]
    # comparisons
    lines += ["The reference rule (seed) against each baseline over the points (difference in accuracy points, seed minus baseline):", "",
              "| baseline | seed better at | mean difference | smallest | largest |", "|---|---:|---:|---:|---:|"]
    for c in crits:
        if c == "seed":
            continue
        diffs = [100 * (p["seed"]["accuracyAfter"] - p[c]["accuracyAfter"]) for p in by_point.values() if "seed" in p and c in p]
        if diffs:
            wins = sum(1 for d in diffs if d > 0)
            lines.append(f"| {c} | {wins} of {len(diffs)} points | {sum(diffs) / len(diffs):+.2f} | {min(diffs):+.2f} | {max(diffs):+.2f} |")
    lines.append("")
    chart = os.path.join(work, "sweeps", m, "pareto.png")
    if os.path.exists(chart):
        shutil.copy(chart, os.path.join(docs, m + "-pareto.png"))
        lines += [f"![Pareto chart of {title}](docs/quality/{m}-pareto.png)", ""]

for part in ("conclusions.md", "published.md"):
    path = os.path.join(docs, part)
    if os.path.exists(path):
        lines += [open(path).read().rstrip(), ""]

with open(target, "w") as f:
    f.write("\n".join(lines))
print("wrote", target)
