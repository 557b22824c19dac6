package dev.irprune.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class PlanJsonTest {

    private static LayerPlan plan(String name, Mode mode, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] rows = new double[40][12];
        for (double[] row : rows) {
            for (int j = 0; j < 12; j++) {
                row[j] = j == 5 ? 0 : r.nextDouble() / 3 + (j % 3 == 0 ? row[0] : 0);
            }
        }
        SelectionConfig config = mode == Mode.CONV ? SelectionConfig.conv(0.3, 0.5, 0.30000000000000004) : SelectionConfig.dense(0.3, 0.5);
        return SeedSelector.select(name, rows, config);
    }

    @Test
    void layerPlansRoundTripExactly() {
        LayerPlan conv = plan("conv7", Mode.CONV, 1);
        assertThat(conv.prunedByRedundancy()).isNotEmpty();
        String json = PlanJson.write(conv);
        assertThat(json).contains("\"mode\" : \"conv\"", "\"budget\" : 0.30000000000000004", "\"rescued\" : null");
        LayerPlan back = PlanJson.readLayer(json);
        assertThat(back).isEqualTo(conv);
        assertThat(back.entropy()).containsExactlyElementsOf(conv.entropy());
    }

    @Test
    void pruningPlansRoundTripExactly() {
        PruningPlan plan = new PruningPlan(0.3, 0.5, List.of(plan("conv7", Mode.CONV, 2), plan("dense1", Mode.DENSE, 3)));
        PruningPlan back = PlanJson.readPlan(PlanJson.write(plan));
        assertThat(back).isEqualTo(plan);
        assertThat(back.layer("dense1").orElseThrow().mode()).isEqualTo(Mode.DENSE);
        assertThat(back.layer("dense1").orElseThrow().budget()).isNull();
        assertThat(back.layer("nope")).isEmpty();
    }

    @Test
    void theStreamingWriterWritesExactlyWhatTheMapperWould() {
        LayerPlan conv = plan("conv7", Mode.CONV, 5);
        LayerPlan dense = plan("dense \"1\"", Mode.DENSE, 6);
        LayerPlan rescued = SeedSelector.decide("dead", 10, new double[] {0.1, 0.2}, null, SelectionConfig.conv(0.3, 0.8, 0.2));
        LayerPlan importanceOnly = SeedSelector.decide("c1", 10, new double[] {0.1, 0.5}, null,
                SelectionConfig.importanceOnly(Mode.CONV, 0.3, 0.8));
        assertThat(rescued.rescued()).isEqualTo(1);
        for (LayerPlan p : List.of(conv, dense, rescued, importanceOnly)) {
            assertThat(PlanJson.write(p)).isEqualTo(PlanJson.writeWithMapper(p));
        }
        PruningPlan all = new PruningPlan(0.3, 0.5, List.of(conv, dense, rescued));
        assertThat(PlanJson.write(all)).isEqualTo(PlanJson.writeWithMapper(all));
    }

    @Test
    void inconsistentPlansAreRejected() {
        String json = PlanJson.write(plan("conv7", Mode.CONV, 4));
        LayerPlan good = PlanJson.readLayer(json);
        int prunedFilter = good.prunedByRedundancy().get(0);
        String keptListed = json.replaceFirst("\"kept\" : \\[ ", "\"kept\" : [ " + prunedFilter + ", ");
        assertThatThrownBy(() -> PlanJson.readLayer(keptListed)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kept");
        assertThatThrownBy(() -> PlanJson.readLayer("{\"layer\": \"x\"")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PruningPlan(0.3, 0.5, List.of(good, good))).isInstanceOf(IllegalArgumentException.class);
    }
}
