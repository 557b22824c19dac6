# Reference values for EntropyTest, from numpy (run: python3 entropy-reference.py).
# The entropy is the formula of ALGORITHM.md 4a.2 written with numpy's own functions:
# histogram edges, digitize classes, bincount + 1, p = count / N, -sum p ln p.
import numpy as np


def entropy(column):
    column = np.asarray(column, dtype=np.float64)
    _, edges = np.histogram(column, bins=10)
    classes = np.digitize(column, edges)
    p = (np.bincount(classes) + 1) / len(column)
    return repr(float(np.sum(-1 * np.multiply(np.log(p), p)))), edges, classes


cases = {
    "constant zero, N=10": [0.0] * 10,
    "constant 0.37, N=2000": [0.37] * 2000,
    "constant -2.5, N=7": [-2.5] * 7,
    "0..10, N=11": [float(v) for v in range(11)],
    "single outlier, N=50": [0.0] * 49 + [5.0],
    "N=2": [1.0, 3.0],
    "inner edges on [0,1]": [0.0, 1.0, 0.3, 0.30000000000000004, 0.1, 0.7, 0.7000000000000001],
}
for name, column in cases.items():
    e, edges, classes = entropy(column)
    print(name, "entropy", e, "classes", sorted(set(classes.tolist())))
    print("   edges", [repr(float(x)) for x in edges])

# Sums where numpy's pairwise order differs from a plain left-to-right loop.
for terms in ([1e16, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, -1e16, 1.0, 1.0, 1.0],
              [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2]):
    print("sum", terms, repr(float(np.sum(np.array(terms)))))
