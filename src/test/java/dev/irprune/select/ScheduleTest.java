package dev.irprune.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class ScheduleTest {

    private static List<NetworkLayer> vgg16() {
        List<NetworkLayer> layers = new ArrayList<>();
        for (int k = 1; k <= 13; k++) {
            layers.add(new NetworkLayer("conv" + k, LayerKind.CONV));
        }
        layers.add(new NetworkLayer("dense1", LayerKind.DENSE_HIDDEN));
        layers.add(new NetworkLayer("dense2", LayerKind.DENSE_HIDDEN));
        layers.add(new NetworkLayer("output", LayerKind.OUTPUT));
        return layers;
    }

    @Test
    void vgg16BudgetsAreTheDoubleSumsCappedAtOne() {
        List<LayerStep> steps = Schedule.seed(vgg16());
        assertThat(steps).hasSize(16);
        // min(1, p) then p + 0.1, in double precision, as Python/numpy compute it
        assertThat(steps.stream().map(LayerStep::budget).toList()).containsExactly(
                null, null, null, 0.2, 0.30000000000000004, 0.4, 0.5, 0.6, 0.7, 0.7999999999999999,
                0.8999999999999999, 0.9999999999999999, 1.0, null, null, null);
        assertThat(steps.stream().map(LayerStep::redundancy).toList()).containsExactly(
                false, false, false, true, true, true, true, true, true, true, true, true, true, true, true, false);
        assertThat(steps.stream().map(LayerStep::pruned).toList())
                .containsExactlyElementsOf(Arrays.asList(true, true, true, true, true, true, true, true, true,
                        true, true, true, true, true, true, false));
        assertThat(steps.get(14).name()).isEqualTo("dense2");
    }

    @Test
    void theBudgetStaysAtOneOnceCapped() {
        List<NetworkLayer> layers = new ArrayList<>();
        for (int k = 0; k < 20; k++) {
            layers.add(new NetworkLayer("c" + k, LayerKind.CONV));
        }
        List<LayerStep> steps = Schedule.seed(layers);
        assertThat(steps.get(12).budget()).isEqualTo(1.0);
        assertThat(steps.get(19).budget()).isEqualTo(1.0);
        assertThat(steps.get(11).budget()).isEqualTo(0.9999999999999999);
    }

    @Test
    void denseLayersDoNotAdvanceTheBudget() {
        List<NetworkLayer> layers = new ArrayList<>(vgg16().subList(0, 4));
        layers.add(new NetworkLayer("d", LayerKind.DENSE_HIDDEN));
        layers.add(new NetworkLayer("c5", LayerKind.CONV));
        List<LayerStep> steps = Schedule.seed(layers);
        assertThat(steps.get(3).budget()).isEqualTo(0.2);
        assertThat(steps.get(4).budget()).isNull();
        assertThat(steps.get(5).budget()).isEqualTo(0.30000000000000004);
    }

    @Test
    void stepsBecomeConfigs() {
        List<LayerStep> steps = Schedule.seed(vgg16());
        SelectionConfig first = steps.get(0).config(0.3, 0.8).orElseThrow();
        assertThat(first.mode()).isEqualTo(Mode.CONV);
        assertThat(first.redundancy()).isFalse();
        assertThat(first.budget()).isNull();
        SelectionConfig fourth = steps.get(3).config(0.3, 0.8).orElseThrow();
        assertThat(fourth).isEqualTo(SelectionConfig.conv(0.3, 0.8, 0.2));
        assertThat(steps.get(13).config(0.3, 0.8)).contains(SelectionConfig.dense(0.3, 0.8));
        assertThat(steps.get(15).config(0.3, 0.8)).isEmpty();
    }

    @Test
    void theOutputLayerMustBeLast() {
        List<NetworkLayer> layers = List.of(new NetworkLayer("out", LayerKind.OUTPUT),
                new NetworkLayer("c", LayerKind.CONV));
        assertThatThrownBy(() -> Schedule.seed(layers)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("out");
        assertThatThrownBy(() -> new NetworkLayer(" ", LayerKind.CONV)).isInstanceOf(IllegalArgumentException.class);
    }
}
