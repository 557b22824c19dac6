package dev.irprune.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CostsTest {
    private static final NetworkSpec REFERENCE = Vgg.build(Vgg.Options.reference(), InputSpec.of(3, 32, 32));

    @Test
    void referenceVgg16CountsMatchTheReferenceProgram() {
        Costs c = Costs.of(REFERENCE);
        assertThat(c.convMacs()).isEqualTo(313_196_544L);
        assertThat(c.totalMacs()).isEqualTo(332_111_872L);
        assertThat(c.params()).isEqualTo(33_638_218L);
    }

    @Test
    void referenceVgg16HasTheReferenceLayout() {
        assertThat(REFERENCE.prunableLayers()).hasSize(15).startsWith("conv1_1", "conv1_2").endsWith("conv5_3", "fc1", "fc2");
        assertThat(REFERENCE.layers().stream().filter(l -> l instanceof DropoutSpec)).hasSize(8 + 2);
        assertThat(REFERENCE.layers().get(1)).isEqualTo(new DropoutSpec("drop1_1", 0.5));
        assertThat(REFERENCE.layers().get(2)).isInstanceOf(ConvSpec.class);
        assertThat(REFERENCE.layers().get(3)).isEqualTo(new PoolSpec("pool1", 2));
        assertThat(REFERENCE.layers().get(REFERENCE.layers().size() - 1))
                .isEqualTo(new DenseSpec("output", 10, DenseSpec.Activation.SOFTMAX, 0));
        assertThat(REFERENCE.layers()).filteredOn(l -> l instanceof DenseSpec d && !d.isOutput())
                .allMatch(l -> ((DenseSpec) l).l2() == 0.1 && ((DenseSpec) l).units() == 4096);
        assertThat(REFERENCE.layers()).filteredOn(l -> l instanceof ConvSpec)
                .allMatch(l -> ((ConvSpec) l).l2() == 5e-4 && ((ConvSpec) l).kernel() == 3);
        assertThat(REFERENCE.outputShapes().get(REFERENCE.indexOf("flatten"))).isEqualTo(new Shape(512));
    }

    @Test
    void perLayerCountsFollowTheFormulas() {
        Costs c = Costs.of(REFERENCE);
        assertThat(c.layer("conv1_1").macs()).isEqualTo(9L * 3 * 32 * 32 * 64);
        assertThat(c.layer("conv1_1").params()).isEqualTo(9L * 3 * 64 + 64);
        assertThat(c.layer("conv3_1").macs()).isEqualTo(9L * 128 * 8 * 8 * 256);
        assertThat(c.layer("fc2").macs()).isEqualTo(4096L * 4096);
        assertThat(c.layer("output").params()).isEqualTo(4096L * 10 + 10);
        assertThat(c.layer("pool5").outputShape()).isEqualTo(Shape.chw(512, 1, 1));
    }

    @Test
    void widthBatchNormAndDepthOptions() {
        NetworkSpec small = Vgg.build(new Vgg.Options(Vgg.Arch.VGG16, 0.125, 512, true, 0.5, 10), InputSpec.of(1, 32, 32));
        assertThat(small.width("conv1_1")).isEqualTo(8);
        assertThat(small.width("conv5_3")).isEqualTo(64);
        assertThat(small.width("fc1")).isEqualTo(64);
        assertThat(Costs.of(small).layer("conv1_1").params()).isEqualTo(9L * 1 * 8 + 8 + 4 * 8);
        NetworkSpec tiny = Vgg.build(new Vgg.Options(Vgg.Arch.VGG11, 0.001, 4096, false, 0, 10), InputSpec.of(3, 32, 32));
        assertThat(tiny.prunableLayers()).hasSize(8 + 2);
        assertThat(tiny.layers()).noneMatch(l -> l instanceof DropoutSpec);
        assertThat(tiny.width("conv1_1")).isEqualTo(1);
        assertThat(Vgg.build(new Vgg.Options(Vgg.Arch.VGG19, 1, 4096, false, 0.5, 10), InputSpec.of(3, 32, 32))
                .prunableLayers()).hasSize(16 + 2);
    }

    @Test
    void withWidthsChangesOnlyTheNamedLayers() {
        NetworkSpec pruned = REFERENCE.withWidths(Map.of("conv1_1", 10, "fc1", 100));
        assertThat(pruned.width("conv1_1")).isEqualTo(10);
        assertThat(pruned.width("conv1_2")).isEqualTo(64);
        Costs c = Costs.of(pruned);
        assertThat(c.layer("conv1_2").macs()).isEqualTo(9L * 10 * 32 * 32 * 64);
        assertThat(c.layer("fc2").macs()).isEqualTo(100L * 4096);
        assertThatThrownBy(() -> REFERENCE.withWidths(Map.of("output", 3))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> REFERENCE.withWidths(Map.of("nope", 3))).isInstanceOf(IllegalArgumentException.class);
    }
}
