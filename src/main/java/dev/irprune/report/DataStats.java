package dev.irprune.report;

/**
 * The reference program's one-line result file: its name {@code data_stats<S><E>} and its content
 * {@code Model Accuracy AFTER REGRESSION  is <acc> prun_ratio_ach <ratio> SIMILARITY <S> ENTROPY <E>}
 * (two spaces before "is", no final newline), every number as Python prints a float. The
 * accuracy is given as the reference's Keras gives it, a float32 (0.8735 prints as 0.8734999895095825).
 */
public final class DataStats {
    private DataStats() {}

    public static String fileName(double similarity, double entropy) {
        return "data_stats" + PyFloat.repr(similarity) + PyFloat.repr(entropy);
    }

    public static String line(double accuracy, double ratio, double similarity, double entropy) {
        return "Model Accuracy AFTER REGRESSION  is " + PyFloat.repr((float) accuracy) + " prun_ratio_ach " + PyFloat.repr(ratio)
                + " SIMILARITY " + PyFloat.repr(similarity) + " ENTROPY " + PyFloat.repr(entropy);
    }
}
