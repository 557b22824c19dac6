package dev.irprune.study;

import dev.irprune.report.PyFloat;

/**
 * One independent job of a sweep: a grid point (the reference rule at E and S, then each
 * baseline at its widths), or the control. Its results live in {@code OUT/points/<folder>/<criterion>/}.
 */
public record SweepPoint(int index, boolean isControl, Double entropy, Double similarity) {
    public static final String CONTROL = "control";

    static SweepPoint grid(int index, double e, double s) {
        return new SweepPoint(index, false, e, s);
    }

    static SweepPoint control(int index) {
        return new SweepPoint(index, true, null, null);
    }

    /** The point's folder name: {@code e0.3-s0.8}, or {@code control}. */
    public String folder() {
        return isControl ? CONTROL : "e" + PyFloat.repr(entropy) + "-s" + PyFloat.repr(similarity);
    }
}
