package dev.irprune.model;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Folding batch normalisation into the convolutions computes what the network computes in
 * inference mode: on VGG16-BN and ResNet-20 (random weights and batch-norm statistics, 16 random
 * images) the logits differ by float rounding only. The largest differences are the README's.
 */
@Tag("slow")
class BatchNormFoldingTest {
    private static double foldedDifference(NetworkSpec spec, long seed) {
        Map<String, Tensor> w = Forward.randomBatchNorms(Weights.initial(spec, seed), seed);
        ModelFolder.Contents folded = BatchNormFolding.fold(spec, w);
        assertThat(folded.spec().nodes()).noneMatch(n -> n instanceof BatchNormSpec);
        assertThat(folded.spec().nodes()).filteredOn(n -> n instanceof ConvSpec).allMatch(n -> ((ConvSpec) n).bias());
        assertThat(Costs.of(folded.spec()).params()).isLessThan(Costs.of(spec).params());
        float[] x = Forward.inputs(spec, 16, seed + 1);
        float[] before = Forward.logits(spec, w, x, 16);
        float[] after = Forward.logits(folded.spec(), folded.weights(), x, 16);
        double diff = Forward.maxDiff(before, after);
        System.out.printf("batch-norm folding, %s: largest logit difference %.3g (largest logit %.3g)%n", spec.arch(), diff,
                Forward.maxDiff(before, new float[before.length]));
        return diff;
    }

    @Test
    void vgg16BnFoldsWithinRounding() {
        NetworkSpec vgg = Vgg.build(new Vgg.Options(Vgg.Arch.VGG16, 1, 512, true, 0.5, 10), InputSpec.of(3, 32, 32));
        assertThat(foldedDifference(vgg, 3)).isLessThan(1e-4);
    }

    @Test
    void resnet20FoldsWithinRounding() {
        NetworkSpec resnet = ResNet.build(new ResNet.Options(20, ResNet.Shortcut.A, 1, 10), InputSpec.of(3, 32, 32));
        assertThat(foldedDifference(resnet, 5)).isLessThan(1e-4);
    }

    @Test
    void foldedValuesAreTheFormula() {
        NetworkSpec spec = new NetworkSpec("t", InputSpec.of(1, 3, 3), List.of(
                new ConvSpec("c", NetworkSpec.INPUT, 2, 1, 1, 1, 1, Padding.VALID, false, 0),
                new BatchNormSpec("bn", "c", 0.5, 0.9),
                new GlobalPoolSpec("g", "bn"),
                new FlattenSpec("f", "g", FlattenSpec.Layout.NCHW),
                new DenseSpec("d", "f", 2, Activation.IDENTITY, true, 0),
                new BatchNormSpec("dbn", "d", 0.5, 0.9),
                new OutputSpec("out", "dbn", OutputSpec.Kind.LOGITS)));
        Map<String, Tensor> w = new java.util.LinkedHashMap<>();
        w.put("c.weight", new Tensor(new int[] {2, 1, 1, 1}, new float[] {2, 3}));
        for (String bn : new String[] {"bn", "dbn"}) {
            w.put(bn + ".gamma", new Tensor(new int[] {2}, new float[] {1, 4}));
            w.put(bn + ".beta", new Tensor(new int[] {2}, new float[] {0.5f, -1}));
            w.put(bn + ".running_mean", new Tensor(new int[] {2}, new float[] {1, 2}));
            w.put(bn + ".running_var", new Tensor(new int[] {2}, new float[] {3.5f, 3.5f}));
        }
        w.put("d.weight", new Tensor(new int[] {2, 2}, new float[] {1, 2, 3, 4}));
        w.put("d.bias", new Tensor(new int[] {2}, new float[] {1, 1}));
        ModelFolder.Contents f = BatchNormFolding.fold(spec, w);
        assertThat(f.spec().nodes()).extracting(NodeSpec::name).containsExactly("c", "g", "f", "d", "out");
        assertThat(f.spec().node("g").inputs()).containsExactly("c");
        // s = gamma / sqrt(var + 0.5) = (0.5, 2); conv: w' = (1, 6), b' = (0 - 1) * 0.5 + 0.5 = 0, (0 - 2) * 2 - 1 = -5
        assertThat(f.weights().get("c.weight").data()).containsExactly(1f, 6f);
        assertThat(f.weights().get("c.bias").data()).containsExactly(0f, -5f);
        // dense: rows scaled (0.5, 1; 6, 8), b' = (1 - 1) * 0.5 + 0.5 = 0.5, (1 - 2) * 2 - 1 = -3
        assertThat(f.weights().get("d.weight").data()).containsExactly(0.5f, 1f, 6f, 8f);
        assertThat(f.weights().get("d.bias").data()).containsExactly(0.5f, -3f);
    }

    @Test
    void batchNormNotAfterAConvolutionStays() {
        NetworkSpec spec = new NetworkSpec("t", InputSpec.of(1, 4, 4), List.of(
                new BatchNormSpec("bn_in", NetworkSpec.INPUT, 1e-5, 0.9),
                new ConvSpec("c", "bn_in", 2, 3, 3, 1, 1, Padding.SAME, true, 0),
                new ActivationSpec("r", "c", Activation.RELU),
                new BatchNormSpec("bn_r", "r", 1e-5, 0.9),
                new GlobalPoolSpec("g", "bn_r"),
                new FlattenSpec("f", "g", FlattenSpec.Layout.NCHW),
                new OutputSpec("out", "f", OutputSpec.Kind.LOGITS)));
        Map<String, Tensor> w = Weights.initial(spec, 1);
        assertThat(BatchNormFolding.fold(spec, w).spec()).isEqualTo(spec);
    }
}
