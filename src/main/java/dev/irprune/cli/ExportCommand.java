package dev.irprune.cli;

import dev.irprune.data.DataConfig;
import dev.irprune.data.Datasets;
import dev.irprune.data.ImageSet;
import dev.irprune.interop.onnx.OnnxEvaluation;
import dev.irprune.interop.onnx.OnnxExport;
import dev.irprune.interop.onnx.OnnxMetadata;
import dev.irprune.interop.onnx.OnnxModelBuilder;
import dev.irprune.interop.onnx.OnnxRuntime;
import dev.irprune.io.AtomicFiles;
import dev.irprune.io.InputException;
import dev.irprune.model.NetworkSpec;
import dev.irprune.train.Inference;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code irprune export --model SOURCE --out FILE.onnx}: the network as ONNX, optionally checked in ONNX Runtime. */
@Command(header = "Export a model (pruned or not) as ONNX.", name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write the network as an ONNX model for inference: batch norm folded into the convolutions, a dynamic "
                + "batch axis, input 'input' (N x C x H x W float32, already preprocessed: the preprocessing is recorded in the "
                + "metadata as irprune.preprocess, irprune.mean, irprune.std), output 'logits'. --verify runs the file in ONNX "
                + "Runtime on test images and prints the largest difference from IRPrune's own logits.")
final class ExportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Option(names = "--model", required = true, paramLabel = "SOURCE",
            description = "A model folder, or a model to import (as 'irprune import' reads it).")
    Path source;

    @Option(names = "--out", required = true, paramLabel = "FILE.onnx", description = "The ONNX file to write.")
    Path out;

    @Option(names = "--opset", paramLabel = "N", defaultValue = "13", converter = Ranges.Opset.class,
            description = "ONNX operator set, 13 to 17 (default: ${DEFAULT-VALUE}).")
    int opset;

    @Option(names = "--verify", description = "Run the file in ONNX Runtime on test images and compare with IRPrune's logits.")
    boolean verify;

    @Option(names = "--verify-images", paramLabel = "N", defaultValue = "256", converter = Ranges.ImageLimit.class,
            description = "Test images for --verify (default: ${DEFAULT-VALUE}; 0 = all).")
    int verifyImages;

    @Mixin SourceOptions src;
    @Mixin ModelOptions model;
    @Mixin DataOptions data;
    @Mixin RunOptions run;

    @Override
    public Integer call() {
        AtomicFiles.checkFile(out);
        ModelSource.Loaded m = ModelSource.load(spec, source, src, model, data.config());
        Map<String, String> extra = new LinkedHashMap<>();
        if (m.dataKnown()) {
            extra.put(OnnxMetadata.DATASET, m.data().dataset().cliName());
        }
        extra.put("irprune.made_by", m.madeBy());
        OnnxModelBuilder b;
        try {
            b = OnnxExport.of(m.spec(), m.weights(), opset, extra);
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage());
        }
        byte[] bytes = b.toBytes();
        AtomicFiles.write(out, o -> o.write(bytes));
        var w = spec.commandLine().getOut();
        w.printf("wrote %s: %s, opset %d, %,d bytes, input %s (%s, recorded in the metadata), output logits%n", out, m.spec().arch(),
                opset, bytes.length, m.spec().input().shape(), m.spec().input().preprocess().cliName());
        if (verify) {
            w.println(verify(m, bytes));
        }
        w.flush();
        return 0;
    }

    /** Runs the file in ONNX Runtime on test images; fails if its logits differ from IRPrune's by more than 1e-3 relative. */
    private String verify(ModelSource.Loaded m, byte[] bytes) {
        DataConfig dc = m.data();
        NetworkSpec net = m.spec();
        TrainedWith.checkChannels(net, dc);
        ImageSet images = Datasets.loadTest(dc, net.input().height(), net.input().width()).test();
        images = verifyImages == 0 ? images : images.head(verifyImages);
        float[] ours = Inference.logits(net, m.weights(), images, run.context());
        float[] theirs;
        try (OnnxRuntime ort = OnnxRuntime.open(bytes, run.context().threads(), out.toString())) {
            theirs = OnnxEvaluation.logits(ort, net.input(), images, net.classes());
        }
        double diff = 0;
        double scale = 1;
        int agree = 0;
        int classes = net.classes();
        for (int i = 0; i < ours.length; i++) {
            diff = Math.max(diff, Math.abs(ours[i] - theirs[i]));
            scale = Math.max(scale, Math.abs(ours[i]));
        }
        for (int i = 0; i < images.size(); i++) {
            agree += argMax(ours, i, classes) == argMax(theirs, i, classes) ? 1 : 0;
        }
        String line = String.format("verified in ONNX Runtime %s on %d test images of %s: largest logit difference %.3g "
                + "(largest logit %.3g), same class for %d of %d", OnnxRuntime.version(), images.size(), dc.dataset().cliName(), diff,
                scale, agree, images.size());
        if (diff > 1e-3 * scale) {
            throw new IllegalStateException(out + " does not compute what IRPrune computes: " + line);
        }
        return line;
    }

    private static int argMax(float[] logits, int row, int classes) {
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (logits[row * classes + c] > logits[row * classes + best]) {
                best = c;
            }
        }
        return best;
    }
}
