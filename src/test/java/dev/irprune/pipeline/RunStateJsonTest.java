package dev.irprune.pipeline;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import dev.irprune.data.DataConfig;
import dev.irprune.data.DatasetName;
import dev.irprune.io.Json;
import dev.irprune.run.RunContext;
import dev.irprune.select.Criteria;
import dev.irprune.select.PolicySpec;
import dev.irprune.select.PruningConfig;
import dev.irprune.train.TrainConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a checkpoint records reads back as it was written, for every policy. */
@Tag("fast")
class RunStateJsonTest {
    @TempDir Path dir;

    @Test
    void everyPolicyRoundTrips() {
        for (PruningConfig pc : List.of(PruningConfig.seed(0.3, 0.8),
                new PruningConfig(Criteria.L1, PolicySpec.ratio(0.5), 8, 100, 50),
                new PruningConfig(Criteria.RANDOM, PolicySpec.widths(Map.of("conv1_1", 3, "fc1", 7), "r/report.json"), 0, 10, 5))) {
            PruneRequest req = new PruneRequest("/m", new DataConfig(DatasetName.DEMO, null, 10, 5), pc, TrainConfig.of(3, 64, 1e-3),
                    new RunContext("cpu", 2, 9), true);
            RunState s = new RunState(RunState.VERSION, req, 0.5, 3, List.of(), List.of(), null, 12.5, "2026-12-03T10:00:00Z");
            Path f = dir.resolve(pc.criterion().cliName() + ".json");
            Json.writeFile(f, s);
            assertThat(Json.readFile(f, RunState.class)).isEqualTo(s);
        }
    }
}
