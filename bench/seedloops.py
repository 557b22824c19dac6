#!/usr/bin/python3
"""The seed's selection loops in NumPy, as the reference program runs them (its importance and redundancy steps).

This is the baseline IRPrune's selection is timed against, so it keeps the reference program's
way of working, not a fast one: entropy column by column through numpy's histogram edges,
digitize and bincount; |Pearson| computed pair by pair (upper triangle, diagonal included) on
freshly centred columns; Python lists for the pruned and used filters, searched with `in`; and,
in conv mode, a rescan of every pair for each filter the budget allows.

    seedloops.py gen N C SEED FILE.csv        seeded activations with dead, rare and correlated columns
    seedloops.py serve                        one command a line, one JSON line back:
        load FILE.csv
        conv E S BUDGET                        the whole conv rule (4a) on the loaded matrix
        dense E S [COLUMNS]                    the whole dense rule (4b), optionally on the first COLUMNS only
        dense-check E S                        4b's loop with the similarity of all pairs from one product
                                               (for checking decisions on matrices too wide for the loop)
"""
import json
import math
import sys
import time

import numpy as np

DENSE_ROWS = 300


def column_entropy(column):
    """Entropy of one column (4a.2): numpy's 10-bin edges, digitize, bincount + 1, p = count / N."""
    _, edges = np.histogram(column, bins=10)
    classes = np.digitize(column, edges)
    counts = np.bincount(classes) + 1
    p = counts / len(column)
    return np.sum(-1 * np.multiply(np.log(p), p))


def entropies(a):
    out = np.zeros(a.shape[1])
    for f in range(a.shape[1]):
        out[f] = column_entropy(a[:, f])
    return out


def pair_similarity(x, y):
    """|Pearson| of two columns, each centred afresh; 0 / 0 (a constant column) gives NaN."""
    dx = x - x.mean(axis=0)
    dy = y - y.mean(axis=0)
    sx = (dx * dx).sum(axis=0)
    sy = (dy * dy).sum(axis=0)
    r = np.matmul(dx.transpose(), dy) / np.sqrt(np.outer(sx, sy))
    return abs(np.maximum(np.minimum(r, 1.0), -1.0))


def by_entropy(ent, threshold):
    pruned = []
    for f in range(len(ent)):
        if ent[f] < threshold:
            pruned.append(f)
    return pruned


def conv_rule(a, ent, e, s, budget):
    """4a: importance, then up to floor((C - n_e) * min(1, p)) rescans for the most similar free pair."""
    c = a.shape[1]
    pruned_e = by_entropy(ent, e)
    used = list(pruned_e)
    pruned_r = []
    sim = np.zeros((c, c))
    for f1 in range(c):
        if f1 not in pruned_e:
            for f2 in range(f1, c):
                if f2 not in pruned_e:
                    sim[f1, f2] = pair_similarity(a[:, f2], a[:, f1])
    for _ in range(math.floor((c - len(pruned_e)) * min(1, budget))):
        best, pair = 0, []
        for f1 in range(c):
            if f1 not in pruned_e:
                for f2 in range(f1, c):
                    if f2 not in pruned_e:
                        if sim[f1, f2] > best and sim[f1, f2] > s:
                            if f1 != f2:
                                if f1 not in used and f2 not in used:
                                    best, pair = sim[f1, f2], [f1, f2]
        if best != 0:
            used += pair
            pruned_r.append(pair[0])
    return pruned_e, pruned_r


def dense_rule(a, ent, e, s, similarity=None):
    """4b: importance, then one pass over the pairs of the first 300 rows, no budget."""
    c = a.shape[1]
    pruned_e = by_entropy(ent, e)
    used = list(pruned_e)
    pruned_r = []
    top = a[:DENSE_ROWS]
    sim = np.zeros((c, c))
    for f1 in range(c):
        if f1 not in pruned_e:
            for f2 in range(f1, c):
                if f2 not in pruned_e:
                    sim[f1, f2] = similarity[f1, f2] if similarity is not None else pair_similarity(top[:, f2], top[:, f1])
                    if sim[f1, f2] > s:
                        if f1 != f2:
                            if f1 not in used and f2 not in used:
                                used += [f1, f2]
                                pruned_r.append(f1)
    return pruned_e, pruned_r


def all_pairs(a):
    """|Pearson| of every pair of columns of the first 300 rows, in one product (for dense-check only)."""
    z = a[:DENSE_ROWS] - a[:DENSE_ROWS].mean(axis=0)
    ss = (z * z).sum(axis=0)
    return np.abs(np.clip((z.T @ z) / np.sqrt(np.outer(ss, ss)), -1.0, 1.0))


def generate(n, c, seed):
    """Non-negative activations: mostly independent columns, ~3% dead, ~3% rarely active, ~25% noisy copies."""
    rng = np.random.default_rng(seed)
    a = rng.gamma(2.0, 0.5, size=(n, c))
    kinds = rng.random(c)
    for j in range(1, c):
        if kinds[j] < 0.03:
            a[:, j] = 0.0
        elif kinds[j] < 0.06:
            a[:, j] = np.where(rng.random(n) < 0.002, rng.gamma(2.0, 5.0, n), 0.0)
        elif kinds[j] < 0.31:
            src = int(rng.integers(0, j))
            a[:, j] = a[:, src] * rng.uniform(0.5, 2.0) + rng.uniform(0.05, 1.0) * rng.normal(0, 1.0, n)
            a[:, j] = np.maximum(a[:, j], 0.0)
    return a


def serve():
    a = None
    np.seterr(divide="ignore", invalid="ignore")
    for line in sys.stdin:
        w = line.split()
        if not w or w[0] == "quit":
            break
        reply = {}
        try:
            if w[0] == "load":
                t = time.perf_counter()
                a = np.loadtxt(w[1], delimiter=",", ndmin=2)
                reply = {"readSeconds": time.perf_counter() - t, "rows": a.shape[0], "columns": a.shape[1]}
            else:
                e, s = float(w[1]), float(w[2])
                m = a[:, :int(w[3])] if w[0] == "dense" and len(w) > 3 else a
                t0 = time.perf_counter()
                ent = entropies(m)
                t1 = time.perf_counter()
                if w[0] == "conv":
                    pe, pr = conv_rule(m, ent, e, s, float(w[3]))
                elif w[0] == "dense":
                    pe, pr = dense_rule(m, ent, e, s)
                elif w[0] == "dense-check":
                    pe, pr = dense_rule(m, ent, e, s, all_pairs(m))
                else:
                    raise ValueError("unknown command " + w[0])
                t2 = time.perf_counter()
                reply = {"seconds": t2 - t0, "entropySeconds": t1 - t0, "pairSeconds": t2 - t1,
                         "prunedByEntropy": pe, "prunedByRedundancy": pr, "columns": m.shape[1]}
        except Exception as ex:  # report and go on
            reply = {"error": repr(ex)}
        print(json.dumps(reply), flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "gen":
        n, c, seed = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
        np.savetxt(sys.argv[5], generate(n, c, seed), fmt="%.6f", delimiter=",")
    else:
        serve()
