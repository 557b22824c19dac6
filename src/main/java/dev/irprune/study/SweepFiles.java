package dev.irprune.study;

import dev.irprune.io.AtomicFiles;
import dev.irprune.io.Json;
import dev.irprune.report.ReportFiles;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** A sweep's tables and chart: {@code sweep.csv}, {@code sweep.json} and, best effort, {@code pareto.png}. */
public final class SweepFiles {
    public static final String CSV = "sweep.csv";
    public static final String JSON = "sweep.json";
    public static final String CHART = "pareto.png";

    /** What {@code sweep.json} holds. */
    public record Results(SweepConfig settings, List<SweepRow> rows) {}

    private SweepFiles() {}

    public static void write(Path out, SweepConfig config, List<SweepRow> rows) {
        Json.writeFile(out.resolve(JSON), new Results(config, rows));
        AtomicFiles.write(out.resolve(CSV), os -> {
            var w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
            try (CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader("point", "entropy", "similarity",
                    "criterion", "macs", "params", "mac_ratio", "param_ratio", "accuracy_before", "accuracy_without_finetune",
                    "accuracy_after", "seconds").build())) {
                for (SweepRow r : rows) {
                    csv.printRecord(r.folder(), r.entropy(), r.similarity(), r.criterion(), r.macs(), r.params(), r.macRatio(),
                            r.paramRatio(), r.accuracyBefore(), r.accuracyWithoutFinetune(), r.accuracyAfter(), r.seconds());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        ReportFiles.bestEffort(CHART, () -> ParetoChart.write(out.resolve(CHART), rows));
    }
}
