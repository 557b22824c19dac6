package dev.irprune.run;

import dev.irprune.data.DataFile;
import java.time.Instant;
import java.util.List;

/**
 * Where a result comes from (training.json and report.json carry it): IRPrune's version and
 * commit, the libraries, the machine, the run's device, threads and seed, every data file read
 * with its SHA-256, and when the run started and ended (UTC, ISO-8601).
 */
public record RunProvenance(Versions versions, Machine machine, RunContext context, List<DataFile> data, String started,
        String ended) {
    public RunProvenance {
        data = data == null ? List.of() : List.copyOf(data);
    }

    /** The provenance of a run that started at {@code started} and ends now. */
    public static RunProvenance of(RunContext context, List<DataFile> data, Instant started) {
        return new RunProvenance(Versions.current(), Machine.current(), context, data, started.toString(),
                Instant.now().toString());
    }
}
