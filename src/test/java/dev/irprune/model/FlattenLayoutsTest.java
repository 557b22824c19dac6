package dev.irprune.model;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An NHWC flatten turned into NCHW with permuted dense columns (and flat batch-norm channels) computes the same logits, up to summation order. */
@Tag("fast")
class FlattenLayoutsTest {
    private static NetworkSpec spec(FlattenSpec.Layout layout, NodeSpec afterFlatten) {
        return new NetworkSpec("t", InputSpec.of(2, 5, 5), List.of(
                new ConvSpec("c", NetworkSpec.INPUT, 3, 3, 3, 1, 1, Padding.VALID, true, 0),
                new FlattenSpec("f", "c", layout),
                afterFlatten,
                new DropoutSpec("drop", afterFlatten.name(), 0.5),
                new DenseSpec("d", "drop", 4, Activation.RELU, true, 0),
                new OutputSpec("out", "d", OutputSpec.Kind.LOGITS)));
    }

    @Test
    void nhwcBecomesNchwWithTheSameOutputs() {
        NetworkSpec nhwc = spec(FlattenSpec.Layout.NHWC, new BatchNormSpec("bn", "f", 1e-3, 0.99));
        Map<String, Tensor> w = Forward.randomBatchNorms(Weights.initial(nhwc, 7), 7);
        ModelFolder.Contents nchw = FlattenLayouts.toNchw(nhwc, w);
        assertThat(((FlattenSpec) nchw.spec().node("f")).layout()).isEqualTo(FlattenSpec.Layout.NCHW);
        assertThat(nchw.weights().get("c.weight")).isEqualTo(w.get("c.weight"));
        // feature c * 9 + p takes NHWC feature p * 3 + c: NCHW column 1 (c 0, p 1) is NHWC column 3
        assertThat(nchw.weights().get("d.weight").data()[1]).isEqualTo(w.get("d.weight").data()[3]);
        assertThat(nchw.weights().get("bn.gamma").data()[9]).isEqualTo(w.get("bn.gamma").data()[1]);
        float[] x = Forward.inputs(nhwc, 3, 8);
        float[] before = Forward.logits(nhwc, w, x, 3);
        // the same products, summed in another order
        assertThat(Forward.maxDiff(before, Forward.logits(nchw.spec(), nchw.weights(), x, 3))).isLessThan(1e-5);
        assertThat(FlattenLayouts.relabel(nchw.spec(), FlattenSpec.Layout.NHWC).node("f")).isEqualTo(nhwc.node("f"));
    }

    @Test
    void featuresThatReachAnAdditionCannotBeReordered() {
        NetworkSpec spec = new NetworkSpec("t", InputSpec.of(2, 2, 2), List.of(
                new FlattenSpec("f", NetworkSpec.INPUT, FlattenSpec.Layout.NHWC),
                new AddSpec("a", List.of("f", "f")),
                new OutputSpec("out", "a", OutputSpec.Kind.LOGITS)));
        assertThatThrownBy(() -> FlattenLayouts.toNchw(spec, Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("f: its NHWC features reach a, whose inputs cannot be reordered to NCHW");
    }
}
