package dev.irprune.select;

/** A stable sort of positions by a double key, without boxing. */
final class StableSort {
    private StableSort() {}

    /**
     * Positions 0..n-1 ordered by {@code keys} descending; equal keys keep their position order.
     * Keys must not be NaN.
     */
    static int[] byDescending(double[] keys, int n) {
        int[] a = new int[n];
        for (int k = 0; k < n; k++) {
            a[k] = k;
        }
        int[] tmp = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n - width; lo += 2 * width) {
                merge(keys, a, tmp, lo, lo + width, Math.min(lo + 2 * width, n));
            }
        }
        return a;
    }

    private static void merge(double[] keys, int[] a, int[] tmp, int lo, int mid, int hi) {
        if (keys[a[mid - 1]] >= keys[a[mid]]) {
            return;
        }
        System.arraycopy(a, lo, tmp, lo, hi - lo);
        int l = lo;
        int r = mid;
        for (int k = lo; k < hi; k++) {
            if (l < mid && (r >= hi || keys[tmp[l]] >= keys[tmp[r]])) {
                a[k] = tmp[l++];
            } else {
                a[k] = tmp[r++];
            }
        }
    }
}
