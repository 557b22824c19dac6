package dev.irprune.pipeline;

import dev.irprune.io.AtomicFiles;
import dev.irprune.io.Json;
import dev.irprune.model.ModelFolder;
import dev.irprune.report.Charts;
import dev.irprune.report.DataStats;
import dev.irprune.report.LayerReport;
import dev.irprune.report.TextTable;
import dev.irprune.train.Provenance;
import dev.irprune.report.Totals;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a run's results into the output folder, each file whole: the pruned model folder,
 * {@code layers.csv}, {@code layers.png}, {@code report.json} and the reference program's {@code data_stats<S><E>}.
 */
public final class Outputs {
    public static final String MODEL = "pruned-model";
    public static final String REPORT = "report.json";
    public static final String LAYERS = "layers.csv";
    public static final String CHART = "layers.png";

    private Outputs() {}

    public static void write(Path out, Pipeline.Result result, PruneReport report) {
        ModelFolder.save(out.resolve(MODEL), result.spec(), result.weights());
        new Provenance("pruned from " + report.baseModel() + " with E " + report.entropyThreshold() + ", S "
                + report.similarityThreshold(), report.data(), report.config().finetune()).write(out.resolve(MODEL));
        writeCsv(out.resolve(LAYERS), report);
        Charts.layers(out.resolve(CHART), report.layers(), String.format("E %s, S %s: MACs x%.3f fewer, accuracy %.4f -> %.4f",
                report.entropyThreshold(), report.similarityThreshold(), report.totals().macRatio(),
                report.baselineAccuracy(), report.finalAccuracy()));
        Json.writeFile(out.resolve(REPORT), report);
        AtomicFiles.writeString(out.resolve(DataStats.fileName(report.similarityThreshold(), report.entropyThreshold())),
                DataStats.line(report.finalAccuracy(), report.totals().macRatio(), report.similarityThreshold(),
                        report.entropyThreshold()));
    }

    static void writeCsv(Path file, PruneReport report) {
        AtomicFiles.write(file, os -> {
            var w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
            try (CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader("layer", "kind", "filters_before",
                    "filters_after", "pruned_by_entropy", "pruned_by_redundancy", "rescued", "budget",
                    "accuracy_after_importance", "accuracy_after_redundancy", "accuracy_after_finetune", "macs_before",
                    "macs_after", "params_before", "params_after", "capture_seconds", "select_seconds",
                    "finetune_seconds", "seconds").build())) {
                for (LayerReport l : report.layers()) {
                    csv.printRecord(l.layer(), l.kind(), l.filtersBefore(), l.filtersAfter(), l.prunedByEntropy().size(),
                            l.prunedByRedundancy().size(), l.rescued(), l.budget(), l.accuracyAfterImportance(),
                            l.accuracyAfterRedundancy(), l.accuracyAfterFinetune(), l.macsBefore(), l.macsAfter(),
                            l.paramsBefore(), l.paramsAfter(), l.captureSeconds(), l.selectSeconds(),
                            l.finetuneSeconds(), l.seconds());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The table printed at the end of a run. */
    public static String summary(PruneReport r) {
        TextTable t = new TextTable("layer", "filters", "entropy", "redundancy", "acc importance", "acc redundancy",
                "acc fine-tuned", "MACs before", "MACs after");
        for (LayerReport l : r.layers()) {
            t.row(l.layer(), l.filtersBefore() + " -> " + l.filtersAfter(), l.prunedByEntropy().size(),
                    l.prunedByRedundancy().size(), l.accuracyAfterImportance(), l.accuracyAfterRedundancy(),
                    l.accuracyAfterFinetune(), l.macsBefore(), l.macsAfter());
        }
        Totals tot = r.totals();
        return t.render() + String.format(
                "test accuracy %.4f before, %.4f after pruning%n"
                        + "MACs %,d -> %,d (x%.3f fewer; the reference formula gives x%.3f)%n"
                        + "parameters %,d -> %,d (x%.3f fewer)%n",
                r.baselineAccuracy(), r.finalAccuracy(), tot.macsBefore(), tot.macsAfter(), tot.macRatio(),
                tot.referenceFormulaRatio(), tot.paramsBefore(), tot.paramsAfter(), tot.paramRatio());
    }
}
