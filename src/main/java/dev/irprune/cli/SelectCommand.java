package dev.irprune.cli;

import dev.irprune.io.AtomicFiles;
import dev.irprune.io.CsvMatrix;
import dev.irprune.io.InputException;
import dev.irprune.score.UnscorableException;
import dev.irprune.select.LayerPlan;
import dev.irprune.select.Mode;
import dev.irprune.select.PlanJson;
import dev.irprune.select.SeedSelector;
import dev.irprune.select.SelectionConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code irprune select}: the seed's importance and redundancy rules on an activation matrix
 * exported from anywhere (N rows of C comma-separated values), without the deep-learning engine.
 */
@Command(
        name = "select",
        header = "The selection rules alone, on a CSV of one layer's activations.",
        mixinStandardHelpOptions = true,
        description = "Decides which filters of one layer to prune, from its activations: N rows (samples) of C comma-separated values (filters), no header. Prints the decision as JSON.")
final class SelectCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Option(names = "--activations", required = true, paramLabel = "FILE.csv",
            description = "N x C matrix of activations (comma-separated decimals, no header).")
    Path activations;

    @Option(names = "--mode", required = true, paramLabel = "conv|dense",
            description = "conv: greedy redundancy pruning within a budget; dense: one pass on the first rows.")
    String mode;

    @Option(names = "--entropy", required = true, paramLabel = "E", converter = Ranges.Threshold.class,
            description = "Prune filters whose entropy is below E (E >= 0).")
    double entropy;

    @Option(names = "--similarity", required = true, paramLabel = "S", converter = Ranges.Fraction.class,
            description = "Pair filters whose |correlation| is above S (0 <= S <= 1).")
    double similarity;

    @Option(names = "--budget", paramLabel = "P", converter = Ranges.Fraction.class,
            description = "conv only, required there: redundancy may prune at most floor((C - n_entropy) * P) filters (0 <= P <= 1).")
    Double budget;

    @Option(names = "--rows", paramLabel = "N", converter = Ranges.AtLeastTwo.class,
            description = "Leading rows the similarity uses (at least 2; default: all rows for conv, 300 for dense).")
    Integer rows;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Write the JSON to FILE instead of standard output.")
    Path out;

    @Override
    public Integer call() {
        SelectionConfig config = config();
        if (out != null) {
            AtomicFiles.checkFile(out);
        }
        double[][] matrix = CsvMatrix.read(activations);
        if (matrix.length < 2) {
            throw new InputException(activations + ": at least 2 rows are needed, the file has " + matrix.length);
        }
        if (rows != null && rows > matrix.length) {
            throw new InputException("--rows " + rows + " is more than the " + matrix.length + " rows of " + activations);
        }
        LayerPlan plan;
        try {
            plan = SeedSelector.select(layerName(), matrix, config);
        } catch (UnscorableException e) {
            throw new InputException(activations + ": " + (e.column() < 0 ? ""
                    : "column " + (e.column() + 1) + " (1-based; filter " + e.column() + " in the JSON): ") + e.getMessage(), e);
        }
        String json = PlanJson.write(plan);
        if (out != null) {
            AtomicFiles.writeString(out, json);
        } else {
            PrintWriter w = spec.commandLine().getOut();
            w.print(json);
            w.flush();
        }
        return 0;
    }

    /** The options as a config, or one clear line about the first bad one (the ranges are the converters'). */
    SelectionConfig config() {
        Mode m;
        try {
            m = Mode.parse(mode);
        } catch (IllegalArgumentException e) {
            throw new InputException("--mode: " + e.getMessage());
        }
        if (m == Mode.DENSE && budget != null) {
            throw new InputException("--budget applies to --mode conv only; dense mode has no budget");
        }
        if (m == Mode.CONV && budget == null) {
            throw new InputException("--mode conv needs --budget P (0 <= P <= 1)");
        }
        SelectionConfig config = m == Mode.CONV
                ? SelectionConfig.conv(entropy, similarity, budget)
                : SelectionConfig.dense(entropy, similarity);
        return config.withRows(rows);
    }

    private String layerName() {
        String name = activations.getFileName().toString();
        return name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
    }
}
