package dev.irprune.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.irprune.groups.ChannelGroup;
import dev.irprune.groups.ChannelGroups;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class CostsTest {
    private static final NetworkSpec REFERENCE = Vgg.build(Vgg.Options.reference(), InputSpec.of(3, 32, 32));

    @Test
    void referenceVgg16CountsMatchTheReferenceProgram() {
        Costs c = Costs.of(REFERENCE);
        assertThat(c.convMacs()).isEqualTo(313_196_544L);
        assertThat(c.totalMacs()).isEqualTo(332_111_872L);
        assertThat(c.params()).isEqualTo(33_638_218L);
        assertThat(c.trainableParams()).isEqualTo(33_638_218L);
    }

    @Test
    void referenceVgg16HasTheReferenceLayout() {
        assertThat(ChannelGroups.prunable(REFERENCE)).extracting(ChannelGroup::name).hasSize(15)
                .startsWith("conv1_1", "conv1_2").endsWith("conv5_3", "fc1", "fc2");
        assertThat(REFERENCE.nodes().stream().filter(l -> l instanceof DropoutSpec)).hasSize(8 + 2);
        assertThat(REFERENCE.nodes().get(0)).isEqualTo(ConvSpec.same("conv1_1", "input", 64, 3, true, 5e-4));
        assertThat(REFERENCE.nodes().get(1)).isEqualTo(new ActivationSpec("conv1_1_relu", "conv1_1", Activation.RELU));
        assertThat(REFERENCE.nodes().get(2)).isEqualTo(new DropoutSpec("drop1_1", "conv1_1_relu", 0.5));
        assertThat(REFERENCE.node("pool1")).isEqualTo(PoolSpec.max("pool1", "conv1_2_relu", 2));
        assertThat(REFERENCE.node("output")).isEqualTo(new DenseSpec("output", "drop_fc2", 10, Activation.IDENTITY, true, 0));
        assertThat(REFERENCE.output()).isEqualTo(new OutputSpec("probabilities", "output", OutputSpec.Kind.SOFTMAX));
        assertThat(REFERENCE.nodes()).filteredOn(l -> l instanceof DenseSpec d && !d.name().equals("output"))
                .allMatch(l -> ((DenseSpec) l).l2() == 0.1 && ((DenseSpec) l).units() == 4096);
        assertThat(REFERENCE.nodes()).filteredOn(l -> l instanceof ConvSpec)
                .allMatch(l -> ((ConvSpec) l).l2() == 5e-4 && ((ConvSpec) l).kernelH() == 3);
        assertThat(REFERENCE.shape("flatten")).isEqualTo(new Shape(512));
        assertThat(REFERENCE.classes()).isEqualTo(10);
    }

    @Test
    void perNodeCountsFollowTheFormulas() {
        Costs c = Costs.of(REFERENCE);
        assertThat(c.node("conv1_1").macs()).isEqualTo(9L * 3 * 32 * 32 * 64);
        assertThat(c.node("conv1_1").params()).isEqualTo(9L * 3 * 64 + 64);
        assertThat(c.node("conv3_1").macs()).isEqualTo(9L * 128 * 8 * 8 * 256);
        assertThat(c.node("fc2").macs()).isEqualTo(4096L * 4096);
        assertThat(c.node("output").params()).isEqualTo(4096L * 10 + 10);
        assertThat(c.node("pool5").outputShape()).isEqualTo(Shape.chw(512, 1, 1));
    }

    @Test
    void widthBatchNormAndDepthOptions() {
        NetworkSpec small = Vgg.build(new Vgg.Options(Vgg.Arch.VGG16, 0.125, 512, true, 0.5, 10), InputSpec.of(1, 32, 32));
        assertThat(small.width("conv1_1")).isEqualTo(8);
        assertThat(small.width("conv5_3")).isEqualTo(64);
        assertThat(small.width("fc1")).isEqualTo(64);
        Costs c = Costs.of(small);
        assertThat(c.node("conv1_1").params()).isEqualTo(9L * 1 * 8 + 8);
        assertThat(c.node("conv1_1_bn").params()).isEqualTo(4 * 8);
        assertThat(c.params() - c.trainableParams()).isEqualTo(2L * (8 + 8 + 16 + 16 + 32 * 3 + 64 * 6));
        NetworkSpec tiny = Vgg.build(new Vgg.Options(Vgg.Arch.VGG11, 0.001, 4096, false, 0, 10), InputSpec.of(3, 32, 32));
        assertThat(ChannelGroups.prunable(tiny)).hasSize(8 + 2);
        assertThat(tiny.nodes()).noneMatch(l -> l instanceof DropoutSpec);
        assertThat(tiny.width("conv1_1")).isEqualTo(1);
        assertThat(ChannelGroups.prunable(Vgg.build(new Vgg.Options(Vgg.Arch.VGG19, 1, 4096, false, 0.5, 10),
                InputSpec.of(3, 32, 32)))).hasSize(16 + 2);
    }

    @Test
    void withWidthsChangesOnlyTheNamedNodes() {
        NetworkSpec pruned = REFERENCE.withWidths(Map.of("conv1_1", 10, "fc1", 100));
        assertThat(pruned.width("conv1_1")).isEqualTo(10);
        assertThat(pruned.width("conv1_2")).isEqualTo(64);
        Costs c = Costs.of(pruned);
        assertThat(c.node("conv1_2").macs()).isEqualTo(9L * 10 * 32 * 32 * 64);
        assertThat(c.node("fc2").macs()).isEqualTo(100L * 4096);
        assertThatThrownBy(() -> REFERENCE.withWidths(Map.of("pool1", 3))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> REFERENCE.withWidths(Map.of("nope", 3))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anOverflowIsAnErrorNotAWrongCount() {
        assertThatThrownBy(() -> Costs.of(Vgg.build(new Vgg.Options(Vgg.Arch.VGG16, 1e6, 4096, false, 0, 10),
                InputSpec.of(3, 32, 32)))).isInstanceOf(ArithmeticException.class);
        NetworkSpec wide = Vgg.build(new Vgg.Options(Vgg.Arch.VGG16, 2e5, 4096, false, 0, 10), InputSpec.of(3, 32, 32));
        assertThatThrownBy(() -> Costs.of(wide)).isInstanceOf(ArithmeticException.class);
    }
}
