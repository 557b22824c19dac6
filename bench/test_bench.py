#!/usr/bin/python3
"""Checks of the harness's own arithmetic (no engine, no JVM): /usr/bin/python3 bench/test_bench.py.
Run by .ci/run before bench/run --smoke."""
import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench  # noqa: E402
import report  # noqa: E402
import rss  # noqa: E402
import specgraph  # noqa: E402
import stages  # noqa: E402

SAME = {"mode": "SAME", "top": 0, "bottom": 0, "left": 0, "right": 0}
VALID = {"mode": "VALID", "top": 0, "bottom": 0, "left": 0, "right": 0}


def conv(name, inp, filters, k=3, stride=1, padding=SAME):
    return {"type": "conv", "name": name, "input": inp, "filters": filters, "kernelH": k, "kernelW": k,
            "strideH": stride, "strideW": stride, "padding": padding, "bias": True, "l2": 0.0}


SPEC = {"version": 2, "arch": "t", "input": {"channels": 3, "height": 7, "width": 9, "preprocess": "none", "mean": 0, "std": 1},
        "nodes": [conv("c1", "input", 20, stride=2),
                  {"type": "activation", "name": "r1", "input": "c1", "function": "relu"},
                  {"type": "pool", "name": "p1", "input": "r1", "kind": "max", "sizeH": 2, "sizeW": 2, "strideH": 2,
                   "strideW": 2, "padding": VALID, "countPadding": False},
                  conv("c2", "p1", 5, k=1),
                  {"type": "flatten", "name": "f", "input": "c2", "layout": "nchw"},
                  {"type": "dense", "name": "d", "input": "f", "units": 4, "activation": "identity", "bias": True, "l2": 0},
                  {"type": "output", "name": "o", "input": "d", "kind": "logits"}]}


class SpecGraphTest(unittest.TestCase):
    def test_same_padding_is_tensorflows_with_the_extra_row_at_the_end(self):
        self.assertEqual(specgraph.resolve(SAME, 7, 9, 3, 3, 2, 2), (1, 1, 1, 1))
        self.assertEqual(specgraph.resolve(SAME, 8, 8, 3, 3, 2, 2), (0, 1, 0, 1))
        self.assertEqual(specgraph.resolve(SAME, 8, 8, 1, 1, 1, 1), (0, 0, 0, 0))

    def test_shapes_follow_the_graph(self):
        s = specgraph.shapes(SPEC)
        self.assertEqual(s["c1"], (20, 4, 5))
        self.assertEqual(s["p1"], (20, 2, 2))
        self.assertEqual(s["c2"], (5, 2, 2))
        self.assertEqual(s["f"], (20,))
        self.assertEqual(s["o"], (4,))

    def test_blocked_macs_round_channels_up_to_the_block_except_the_image(self):
        # c1: 3x3 x 3 (image, not rounded) x 4x5 x 32 (20 up to 32); c2: 1x1 x 32 x 2x2 x 16; d: 20 x 4
        self.assertEqual(specgraph.blocked_macs(SPEC), 9 * 3 * 20 * 32 + 32 * 4 * 16 + 20 * 4)
        # with a block of 1 they are the exact MACs
        self.assertEqual(specgraph.blocked_macs(SPEC, block=1), 9 * 3 * 20 * 20 + 20 * 4 * 5 + 20 * 4)


class HarnessTest(unittest.TestCase):
    def test_slope_is_the_least_squares_fit_after_the_skipped_marks(self):
        self.assertAlmostEqual(rss.slope([500, 100, 102, 104, 106]), 2.0)
        self.assertAlmostEqual(rss.slope([1, 7, 7, 7]), 0.0)
        self.assertIsNone(rss.slope([3, 4]))

    def test_a_stage_result_counts_only_with_a_finite_number(self):
        self.assertTrue(bench.numbers({"a": {"b": [None, 1.5]}}))
        self.assertFalse(bench.numbers({"a": {"b": [None, float("nan")]}, "c": "x", "d": True}))
        self.assertFalse(bench.numbers({}))

    def test_each_round_starts_one_network_later(self):
        keys = ["base", "a", "b"]
        self.assertEqual([stages.rotated(keys, r) for r in range(4)],
                         [["base", "a", "b"], ["a", "b", "base"], ["b", "base", "a"], ["base", "a", "b"]])

    def test_profile_ratios_scale_the_base_time_of_each_layer_by_the_macs_left(self):
        # base: a fast layer (100 MMAC in 1 ms) and a slow one (100 MMAC in 4 ms); the pruned network
        # halves the fast one's MACs and keeps the slow one's, and runs them in 0.6 and 4 ms
        layers = {"base": [{"name": "a", "macs": 100e6, "ms": 1.0}, {"name": "b", "macs": 100e6, "ms": 4.0}],
                  "p": [{"name": "a", "macs": 50e6, "ms": 0.6}, {"name": "b", "macs": 100e6, "ms": 4.0}]}
        r = stages.profile_ratios(layers, "base")
        self.assertAlmostEqual(r["p"]["convMacRatio"], 200 / 150)
        self.assertAlmostEqual(r["p"]["convSpeedupAtBaseRates"], 5.0 / 4.5)  # 0.5 ms + 4 ms at the base's rates
        self.assertAlmostEqual(r["p"]["convSpeedup"], 5.0 / 4.6)
        self.assertAlmostEqual(r["base"]["convSpeedup"], 1.0)

    def test_the_onnx_runtime_column_gives_median_ms_and_the_ratio_to_irprune(self):
        self.assertEqual(report.onnx({}), "–")
        measured = {"onnxRuntimeBatch1": {"latency": {"median": 0.002, "min": 0.001, "max": 0.003}, "ofIrprune": {"ofMedians": 0.5}},
                    "onnxRuntimeBatch128": {"latency": {"median": 0.25, "min": 0.2, "max": 0.3}, "ofIrprune": {"ofMedians": 1.25}}}
        self.assertEqual(report.onnx(measured), "2.00 [1.00–3.00] (0.50×) / 250.00 [200.00–300.00] (1.25×)")

    def test_onnx_runtimes_own_speedup_is_over_the_mac_ratio_from_medians_and_from_best_rounds(self):
        base = {"onnxRuntimeBatch1": {"latency": {"median": 0.004, "min": 0.003}},
                "onnxRuntimeBatch128": {"latency": {"median": 0.8, "min": 0.6}}}
        pruned = {"onnxRuntimeBatch1": {"latency": {"median": 0.002, "min": 0.001}},
                  "onnxRuntimeBatch128": {"latency": {"median": 0.25, "min": 0.2}}, "macRatio": 2.0}
        # b1: 4 / 2 / 2 = 1.00, best 3 / 1 / 2 = 1.50; b128: 0.8 / 0.25 / 2 = 1.60, best 0.6 / 0.2 / 2 = 1.50
        self.assertEqual(report.onnx_speedup(pruned, base), "**1.00** (1.50) / **1.60** (1.50)")
        self.assertEqual(report.onnx_speedup({}, base), "–")


if __name__ == "__main__":
    unittest.main()
