package dev.irprune.interop.onnx;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import dev.irprune.interop.DebianPython;
import dev.irprune.model.BatchNormSpec;
import dev.irprune.model.Costs;
import dev.irprune.model.Forward;
import dev.irprune.model.InputSpec;
import dev.irprune.model.ModelFolder;
import dev.irprune.model.NetworkSpec;
import dev.irprune.model.NodeSpec;
import dev.irprune.model.Preprocess;
import dev.irprune.model.ResNet;
import dev.irprune.model.Tensor;
import dev.irprune.model.Vgg;
import dev.irprune.model.Weights;
import dev.irprune.surgery.Surgery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IRPrune -> ONNX -> ONNX Runtime and IRPrune -> ONNX -> IRPrune give IRPrune's logits to 1e-4 for
 * the reference VGG16 (random weights), a pruned VGG16-BN and a pruned ResNet-20 (channels removed
 * with {@link Surgery#keep}, random batch-norm statistics), on 4 random inputs; the ONNX checker
 * (Debian's python3-onnx, full check) accepts every file (that part is skipped without it).
 */
@Tag("slow")
class ExportRoundTripTest {
    private static final int N = 4;

    @TempDir
    Path tmp;

    private void roundTrip(NetworkSpec spec, Map<String, Tensor> w, String file) throws Exception {
        byte[] bytes = OnnxExport.of(spec, w, 13, Map.of("irprune.dataset", "cifar10")).toBytes();
        float[] x = Forward.inputs(spec, N, 11);
        float[] ours = Forward.logits(spec, w, x, N);
        float[] ort;
        try (OnnxRuntime r = OnnxRuntime.open(bytes, 1, file)) {
            ort = r.run(x, N, spec.input().channels(), spec.input().height(), spec.input().width());
        }
        assertThat(Forward.maxDiff(ours, ort)).as(file + " in ONNX Runtime").isLessThan(1e-4);

        ModelFolder.Contents back = OnnxImport.read(OnnxReader.read(bytes, file), file, "back");
        assertThat(Forward.maxDiff(ours, Forward.logits(back.spec(), back.weights(), x, N))).as(file + " imported").isLessThan(1e-4);
        ModelFolder.Contents folded = dev.irprune.model.BatchNormFolding.fold(spec, w);
        assertThat(back.spec().nodes()).extracting(NodeSpec::name)
                .containsExactlyElementsOf(folded.spec().nodes().stream().map(NodeSpec::name).toList());
        assertThat(back.spec().input()).isEqualTo(spec.input());
        assertThat(back.spec().output().kind()).isEqualTo(spec.output().kind());
        assertThat(Costs.of(back.spec()).params()).isEqualTo(Costs.of(folded.spec()).params());
        System.out.printf("%s: ONNX Runtime %.3g, re-imported %.3g from IRPrune's logits%n", file, Forward.maxDiff(ours, ort),
                Forward.maxDiff(ours, Forward.logits(back.spec(), back.weights(), x, N)));
        check(bytes, file);
    }

    /** onnx.checker.check_model(full_check=True) on the file, where Debian's python3-onnx is installed. */
    private void check(byte[] bytes, String file) throws Exception {
        DebianPython.Result has = DebianPython.run("-c", "import onnx");
        if (has.code() != 0) {
            System.out.println("onnx checker skipped: " + DebianPython.PYTHON + " has no onnx");
            return;
        }
        Path f = Files.write(tmp.resolve(file), bytes);
        DebianPython.Result r = DebianPython.run("-c", "import sys, onnx\n"
                + "onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True)\nprint('ok')\n", f.toString());
        assertThat(r.code()).as(r.output()).isZero();
        assertThat(r.output().strip()).isEqualTo("ok");
    }

    @Test
    void referenceVgg16() throws Exception {
        NetworkSpec vgg = Vgg.build(Vgg.Options.reference(), new InputSpec(3, 32, 32, Preprocess.STANDARDIZE, 0.47, 0.25));
        roundTrip(vgg, Weights.initial(vgg, 1), "vgg16.onnx");
    }

    @Test
    void prunedVgg16Bn() throws Exception {
        NetworkSpec vgg = Vgg.build(new Vgg.Options(Vgg.Arch.VGG16, 0.25, 512, true, 0.5, 10), InputSpec.of(1, 32, 32));
        Surgery.Result r = new Surgery.Result(vgg, Forward.randomBatchNorms(Weights.initial(vgg, 2), 2));
        r = Surgery.keep(r.spec(), r.weights(), "conv1_1", new int[] {0, 2, 3, 7, 9});
        r = Surgery.keep(r.spec(), r.weights(), "conv3_2", new int[] {1, 5, 6, 30, 40, 63});
        r = Surgery.keep(r.spec(), r.weights(), "conv5_3", new int[] {0, 1, 2, 50, 127});
        r = Surgery.keep(r.spec(), r.weights(), "fc1", new int[] {3, 4, 100});
        assertThat(r.spec().nodes()).filteredOn(n -> n instanceof BatchNormSpec).hasSize(13);
        roundTrip(r.spec(), r.weights(), "vgg16-bn-pruned.onnx");
    }

    @Test
    void prunedResNet20() throws Exception {
        NetworkSpec resnet = ResNet.build(new ResNet.Options(20, ResNet.Shortcut.A, 1, 10), new InputSpec(3, 32, 32, Preprocess.SCALE255, 0, 1));
        Surgery.Result r = new Surgery.Result(resnet, Forward.randomBatchNorms(Weights.initial(resnet, 3), 3));
        r = Surgery.keep(r.spec(), r.weights(), "layer1_0_conv1", new int[] {0, 5, 9});
        r = Surgery.keep(r.spec(), r.weights(), "layer2_0_conv1", new int[] {1, 2, 3, 4, 20, 31});
        r = Surgery.keep(r.spec(), r.weights(), "layer3_2_conv1", new int[] {7, 63});
        roundTrip(r.spec(), r.weights(), "resnet20-pruned.onnx");
    }
}
