package dev.irprune.report;

import dev.irprune.io.AtomicFiles;
import dev.irprune.io.Json;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a pruning run's result files into its output folder, each whole: {@code report.json}
 * first, then the reference program's {@code data_stats<S><E>} (for the reference rule),
 * {@code layers.csv}, and last the charts, which are best effort: a chart that cannot be drawn
 * (a missing font, a headless system without AWT) is a warning, never a lost run.
 */
public final class ReportFiles {
    private static final Logger LOG = LoggerFactory.getLogger(ReportFiles.class);
    public static final String REPORT = "report.json";
    public static final String LAYERS = "layers.csv";
    public static final String CHART = "layers.png";

    private ReportFiles() {}

    /** Writes every result file; charts last and only if {@code charts}. */
    public static void write(Path out, PruneReport report, boolean charts) {
        Json.writeFile(out.resolve(REPORT), report);
        if (report.entropyThreshold() != null && report.similarityThreshold() != null) {
            AtomicFiles.writeString(out.resolve(DataStats.fileName(report.similarityThreshold(), report.entropyThreshold())),
                    DataStats.line(report.finalAccuracy(), report.totals().macRatio(), report.similarityThreshold(),
                            report.entropyThreshold()));
        }
        writeCsv(out.resolve(LAYERS), report);
        if (charts) {
            bestEffort(CHART, () -> Charts.groups(out.resolve(CHART), report.groups(), String.format(
                    "%s: MACs x%.3f fewer, accuracy %.4f -> %.4f", report.pruning().policy().describe(), report.totals().macRatio(),
                    report.baselineAccuracy(), report.finalAccuracy())));
        }
    }

    /** Runs {@code drawing}; any failure, AWT and font errors included, becomes a warning naming {@code what}. */
    public static boolean bestEffort(String what, Runnable drawing) {
        try {
            drawing.run();
            return true;
        } catch (RuntimeException | LinkageError | java.awt.AWTError e) {
            LOG.warn("could not draw {}: {} (the other results are written)", what, e.toString());
            return false;
        }
    }

    static void writeCsv(Path file, PruneReport report) {
        AtomicFiles.write(file, os -> {
            var w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
            try (CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader("group", "kind", "channels_before",
                    "channels_after", "rule_kept", "pruned_by_entropy", "pruned_by_redundancy", "rescued", "budget",
                    "accuracy_after_importance", "accuracy_after_pruning", "accuracy_after_finetune", "macs_before",
                    "macs_after", "params_before", "params_after", "capture_seconds", "select_seconds",
                    "finetune_seconds", "seconds").build())) {
                for (GroupReport l : report.groups()) {
                    csv.printRecord(l.group(), l.kind(), l.channelsBefore(), l.channelsAfter(), l.ruleKept(),
                            l.prunedByEntropy().size(), l.prunedByRedundancy().size(), l.rescued(), l.budget(),
                            l.accuracyAfterImportance(), l.accuracyAfterPruning(), l.accuracyAfterFinetune(), l.macsBefore(),
                            l.macsAfter(), l.paramsBefore(), l.paramsAfter(), l.captureSeconds(), l.selectSeconds(),
                            l.finetuneSeconds(), l.seconds());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The table printed at the end of a run. */
    public static String summary(PruneReport r) {
        TextTable t = new TextTable("group", "channels", "entropy", "redundancy", "acc importance", "acc pruned",
                "acc fine-tuned", "MACs before", "MACs after");
        for (GroupReport l : r.groups()) {
            boolean seed = l.accuracyAfterImportance() != null;
            t.row(l.group(), l.channelsBefore() + " -> " + l.channelsAfter(), seed ? l.prunedByEntropy().size() : null,
                    seed ? l.prunedByRedundancy().size() : null, l.accuracyAfterImportance(), l.accuracyAfterPruning(),
                    l.accuracyAfterFinetune(), l.macsBefore(), l.macsAfter());
        }
        Totals tot = r.totals();
        return t.render() + String.format(
                "test accuracy %.4f before, %.4f after pruning%n"
                        + "MACs %,d -> %,d (x%.3f fewer%s)%n"
                        + "parameters %,d -> %,d (x%.3f fewer)%n",
                r.baselineAccuracy(), r.finalAccuracy(), tot.macsBefore(), tot.macsAfter(), tot.macRatio(),
                tot.referenceFormulaRatio() == null ? "" : String.format("; the reference formula gives x%.3f", tot.referenceFormulaRatio()),
                tot.paramsBefore(), tot.paramsAfter(), tot.paramRatio());
    }
}
