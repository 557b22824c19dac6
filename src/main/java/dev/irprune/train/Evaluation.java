package dev.irprune.train;

/** Test-set result: accuracy, mean cross-entropy, and how many images were seen. */
public record Evaluation(double accuracy, double loss, int images) {
    /**
     * The evaluation of N x classes logits (row-major) against N labels, computed in double:
     * accuracy counts rows whose first largest logit is the label; the loss is the mean of
     * {@code -log softmax(row)[label]}.
     *
     * @throws IllegalArgumentException if the sizes do not fit
     */
    public static Evaluation of(float[] logits, int[] labels, int classes) {
        int n = labels.length;
        if (classes < 1 || logits.length != (long) n * classes) {
            throw new IllegalArgumentException(logits.length + " logits do not make " + n + " rows of " + classes);
        }
        long correct = 0;
        double loss = 0;
        for (int i = 0; i < n; i++) {
            int best = 0;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                if (logits[i * classes + c] > max) {
                    max = logits[i * classes + c];
                    best = c;
                }
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(logits[i * classes + c] - max);
            }
            loss += Math.log(sum) + max - logits[i * classes + labels[i]];
            correct += best == labels[i] ? 1 : 0;
        }
        return new Evaluation(n == 0 ? 0 : (double) correct / n, n == 0 ? 0 : loss / n, n);
    }
}
