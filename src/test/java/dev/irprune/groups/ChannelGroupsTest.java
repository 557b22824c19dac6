package dev.irprune.groups;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import dev.irprune.model.FlattenSpec;
import dev.irprune.model.InputSpec;
import dev.irprune.model.NetworkSpec;
import dev.irprune.model.ResNet;
import dev.irprune.model.Vgg;
import java.util.List;
import org.junit.jupiter.api.Test;

@Tag("fast")
class ChannelGroupsTest {
    @Test
    void inAVggEveryGroupIsOneLayerMeasuredAfterItsRelu() {
        NetworkSpec spec = Vgg.build(new Vgg.Options(Vgg.Arch.VGG16, 0.125, 512, true, 0.5, 10), InputSpec.of(3, 32, 32));
        List<ChannelGroup> all = ChannelGroups.of(spec);
        assertThat(all).extracting(ChannelGroup::name).containsExactly("input", "conv1_1", "conv1_2", "conv2_1", "conv2_2",
                "conv3_1", "conv3_2", "conv3_3", "conv4_1", "conv4_2", "conv4_3", "conv5_1", "conv5_2", "conv5_3", "fc1", "fc2", "output");
        assertThat(all.get(0).prunable()).isFalse();
        assertThat(all.get(16).reason()).contains("classes");
        ChannelGroup c11 = ChannelGroups.named(spec, "conv1_1");
        assertThat(c11.producers()).containsExactly("conv1_1");
        assertThat(c11.batchNorms()).containsExactly("conv1_1_bn");
        assertThat(c11.consumers()).containsExactly(Consumer.conv("conv1_2"));
        assertThat(c11.evidence()).isEqualTo("conv1_1_relu");
        assertThat(c11.members()).containsExactly("conv1_1", "conv1_1_bn", "conv1_1_relu", "drop1_1");
        ChannelGroup c53 = ChannelGroups.named(spec, "conv5_3");
        assertThat(c53.consumers()).containsExactly(new Consumer("fc1", 1, FlattenSpec.Layout.NCHW));
        ChannelGroup fc1 = ChannelGroups.named(spec, "fc1");
        assertThat(fc1.kind()).isEqualTo(ChannelGroup.Kind.DENSE);
        assertThat(fc1.evidence()).isEqualTo("fc1");
        assertThat(fc1.consumers()).containsExactly(new Consumer("fc2", 1, null));
    }

    @Test
    void aFlattenOfSeveralPixelsMapsEachChannelToItsColumnsInTheFlattensLayout() {
        Consumer nchw = new Consumer("d", 4, FlattenSpec.Layout.NCHW);
        Consumer nhwc = new Consumer("d", 4, FlattenSpec.Layout.NHWC);
        assertThat(nchw.features(2, 3)).containsExactly(8, 9, 10, 11);
        assertThat(nhwc.features(2, 3)).containsExactly(2, 5, 8, 11);
        assertThat(new Consumer("d", 1, null).features(2, 3)).containsExactly(2);
    }

    @Test
    void resNetGroupsFollowTheShortcutOption() {
        NetworkSpec a = ResNet.build(new ResNet.Options(56, ResNet.Shortcut.A, 1, 10), InputSpec.of(3, 32, 32));
        assertThat(ChannelGroups.prunable(a)).hasSize(27);
        List<ChannelGroup> notA = ChannelGroups.of(a).stream().filter(g -> !g.prunable()).toList();
        assertThat(notA).extracting(ChannelGroup::name).contains("input", "conv1", "fc");
        NetworkSpec b = ResNet.build(new ResNet.Options(56, ResNet.Shortcut.B, 1, 10), InputSpec.of(3, 32, 32));
        assertThat(ChannelGroups.prunable(b)).hasSize(27 + 3);
        ChannelGroup stage3 = ChannelGroups.named(b, "layer3_0_conv2");
        assertThat(stage3.producers()).hasSize(10);
        assertThat(stage3.consumers()).contains(new Consumer("fc", 1, FlattenSpec.Layout.NCHW));
        assertThat(stage3.evidence()).isEqualTo("layer3_8_relu");
    }
}
