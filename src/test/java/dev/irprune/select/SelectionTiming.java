package dev.irprune.select;

import dev.irprune.io.CsvMatrix;
import dev.irprune.score.Correlation;
import dev.irprune.score.Entropy;
import dev.irprune.score.SimilarityMatrix;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Times the seed's rules at full VGG16 layer size, in-process: a conv layer (N = 10,000,
 * C = 512), a dense layer (N = 10,000, C = 4,096), and reading a 10,000 x 512 CSV. Not a test
 * (surefire does not run it); run it after {@code mvn test-compile} with
 *
 * <pre>
 * java -Xmx8g -cp target/classes:target/test-classes:$(cat cp.txt) dev.irprune.select.SelectionTiming
 * </pre>
 *
 * where cp.txt comes from {@code mvn dependency:build-classpath -Dmdep.outputFile=cp.txt}.
 */
public final class SelectionTiming {
    private static final int REPEATS = 5;

    private SelectionTiming() {}

    public static void main(String[] args) throws IOException {
        System.out.printf(Locale.ROOT, "cores: %d, max heap: %d MB%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        time("conv  N=10000 C=512 ", activations(10_000, 512, 1), SelectionConfig.conv(0.3, 0.8, 0.2));
        time("dense N=10000 C=4096", activations(10_000, 4096, 2), SelectionConfig.dense(0.3, 0.8));
        timeCsv(10_000, 512);
    }

    /**
     * ReLU of 64 shared factors plus noise: correlated filters; every 64th filter dead (zero),
     * every 10th a noisy copy of its left neighbour.
     */
    static double[][] activations(int n, int c, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int factors = 64;
        double[][] load = new double[c][factors];
        for (double[] l : load) {
            for (int f = 0; f < factors; f++) {
                l[f] = r.nextInt(8) == 0 ? r.nextGaussian() : 0;
            }
        }
        double[][] rows = new double[n][c];
        double[] z = new double[factors];
        for (double[] row : rows) {
            for (int f = 0; f < factors; f++) {
                z[f] = r.nextGaussian();
            }
            for (int j = 0; j < c; j++) {
                double v = 0.3 * r.nextGaussian();
                for (int f = 0; f < factors; f++) {
                    v += load[j][f] * z[f];
                }
                row[j] = j % 64 == 7 ? 0 : Math.max(0, v);
                if (j % 10 == 3) {
                    row[j] = row[j - 1] + 0.05 * Math.abs(r.nextGaussian());
                }
            }
        }
        return rows;
    }

    private static void time(String label, double[][] rows, SelectionConfig config) {
        double[] total = new double[REPEATS];
        LayerPlan plan = null;
        for (int k = 0; k < REPEATS; k++) {
            long t0 = System.nanoTime();
            plan = SeedSelector.select("timing", rows, config);
            total[k] = (System.nanoTime() - t0) / 1e9;
        }
        long t0 = System.nanoTime();
        double[] entropy = Entropy.ofColumns(rows);
        long t1 = System.nanoTime();
        SimilarityMatrix sim = Correlation.absolutePearson(rows, config.similarityRows(rows.length));
        long t2 = System.nanoTime();
        SeedSelector.decide("timing", rows.length, entropy, sim, config);
        long t3 = System.nanoTime();
        double[] warm = Arrays.copyOfRange(total, 1, REPEATS);
        Arrays.sort(warm);
        System.out.printf(Locale.ROOT,
                "%s  first %.3f s, warm median %.3f s (best %.3f)  [entropy %.3f, similarity %.3f, selection %.3f]"
                        + "  -> %d by entropy, %d by redundancy%n",
                label, total[0], warm[warm.length / 2], warm[0], (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9,
                plan.prunedByEntropy().size(), plan.prunedByRedundancy().size());
    }

    private static void timeCsv(int n, int c) throws IOException {
        double[][] rows = activations(n, c, 3);
        Path file = Files.createTempFile("irprune-timing", ".csv");
        try {
            try (BufferedWriter w = Files.newBufferedWriter(file)) {
                StringBuilder line = new StringBuilder();
                for (double[] row : rows) {
                    line.setLength(0);
                    for (int j = 0; j < c; j++) {
                        line.append(j == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.4f", row[j]));
                    }
                    w.write(line.append('\n').toString());
                }
            }
            double[] times = new double[REPEATS];
            for (int k = 0; k < REPEATS; k++) {
                long t0 = System.nanoTime();
                double[][] back = CsvMatrix.read(file);
                times[k] = (System.nanoTime() - t0) / 1e9;
                if (back.length != n || back[0].length != c) {
                    throw new IllegalStateException("read back " + back.length + " x " + back[0].length);
                }
            }
            double[] warm = Arrays.copyOfRange(times, 1, REPEATS);
            Arrays.sort(warm);
            System.out.printf(Locale.ROOT, "csv   N=%d C=%d (%d MB)  first %.3f s, warm median %.3f s%n",
                    n, c, Files.size(file) >> 20, times[0], warm[warm.length / 2]);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
