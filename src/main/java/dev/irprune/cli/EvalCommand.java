package dev.irprune.cli;

import dev.irprune.data.DataConfig;
import dev.irprune.data.DataSplit;
import dev.irprune.data.Datasets;
import dev.irprune.interop.FileErrors;
import dev.irprune.interop.SourceFormat;
import dev.irprune.interop.onnx.OnnxEvaluation;
import dev.irprune.interop.onnx.OnnxImport;
import dev.irprune.interop.onnx.OnnxReader;
import dev.irprune.interop.onnx.OnnxRuntime;
import dev.irprune.io.InputException;
import dev.irprune.io.Json;
import dev.irprune.model.BatchNormFolding;
import dev.irprune.model.InputSpec;
import dev.irprune.model.ModelFolder;
import dev.irprune.model.NetworkSpec;
import dev.irprune.train.Evaluation;
import dev.irprune.train.Evaluator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code irprune eval}: test accuracy and loss of a model folder, an importable model, or an ONNX file in ONNX Runtime. */
@Command(header = "Test accuracy and loss of a model.", name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print a model's test accuracy and loss; for a model folder also write eval.json into it. The data set "
                + "defaults to the one the model was trained (or pruned) on. --model may also name a model to import (a "
                + "TensorFlow checkpoint, a Keras file, an ONNX file, read as 'irprune import' reads them). Batch norm is folded "
                + "into the convolutions before evaluating (inference), unless --no-fold-bn. --runtime onnxruntime runs an .onnx "
                + "file in ONNX Runtime instead, its input preprocessed as its metadata says (else --preprocess, else scale255).")
final class EvalCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CommonOptions common;
    @Mixin DataOptions data;
    @Mixin RunOptions run;

    @Option(names = "--model", required = true, paramLabel = "SOURCE", description = "The model folder, or a model to import.")
    Path source;

    @Option(names = "--runtime", paramLabel = "NAME", defaultValue = "irprune",
            description = "irprune (IRPrune's own forward pass) or onnxruntime (an .onnx file in ONNX Runtime) (default: ${DEFAULT-VALUE}).")
    String runtime;

    @Option(names = "--no-fold-bn", description = "Evaluate batch normalisation as it is instead of folding it into the convolutions.")
    boolean noFold;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Mixin SourceOptions src;
    @Mixin ModelOptions model;

    /** What {@code eval.json} and {@code --json} hold. */
    record Result(String model, String dataset, String dataSource, double accuracy, double loss, int images) {}

    @Override
    public Integer call() {
        Result r;
        switch (runtime) {
            case "irprune" -> r = ours();
            case "onnxruntime" -> r = onnxRuntime();
            default -> throw new InputException("--runtime must be irprune or onnxruntime, got '" + runtime + "'");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(r));
        } else {
            out.printf("test accuracy %.4f, loss %.4f (%d images of %s%s)%n", r.accuracy(), r.loss(), r.images(), r.dataset(),
                    runtime.equals("onnxruntime") ? ", ONNX Runtime " + OnnxRuntime.version() : "");
        }
        out.flush();
        return 0;
    }

    private Result ours() {
        ModelSource.Loaded m = ModelSource.load(spec, source, src, model, data.config());
        TrainedWith.checkChannels(m.spec(), m.data());
        DataSplit split = Datasets.loadTest(m.data(), m.spec().input().height(), m.spec().input().width());
        ModelFolder.Contents net = noFold ? new ModelFolder.Contents(m.spec(), m.weights()) : BatchNormFolding.fold(m.spec(), m.weights());
        Evaluation ev = Evaluator.evaluate(net.spec(), net.weights(), split.test(), run.context());
        Result r = new Result(source.toString(), split.name(), split.source(), ev.accuracy(), ev.loss(), ev.images());
        if (m.folder() != null) {
            Json.writeFile(m.folder().resolve("eval.json"), r);
        }
        return r;
    }

    /** The .onnx file in ONNX Runtime: its input size and classes from the graph, preprocessing from its metadata. */
    private Result onnxRuntime() {
        if (SourceFormat.of(source) != SourceFormat.ONNX) {
            throw new InputException(source + ": --runtime onnxruntime runs .onnx files; write one with 'irprune export'");
        }
        TrainedWith.reject(spec, "does not apply to --runtime onnxruntime", "--spec", "--keras-config", "--arch", "--no-fold-bn");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(source);
        } catch (IOException e) {
            throw FileErrors.unreadable(source, e);
        }
        NetworkSpec net = OnnxImport.read(OnnxReader.read(bytes, source.toString()), source.toString(), "onnx").spec();
        if (src.preprocess != null) {
            net = net.withInput(net.input().withPreprocess(src.preprocess));
        }
        DataConfig dc = ModelSource.data(spec, data.config(), source);
        TrainedWith.checkChannels(net, dc);
        NetworkSpec toFit = net;
        InputSpec input = ModelSource.fitted(net, () -> Datasets.load(dc, toFit.input().height(), toFit.input().width())).input();
        DataSplit split = Datasets.loadTest(dc, input.height(), input.width());
        float[] logits;
        try (OnnxRuntime ort = OnnxRuntime.open(bytes, run.context().threads(), source.toString())) {
            logits = OnnxEvaluation.logits(ort, input, split.test(), net.classes());
        }
        Evaluation ev = Evaluation.of(logits, split.test().labels(), net.classes());
        return new Result(source.toString(), split.name(), split.source(), ev.accuracy(), ev.loss(), ev.images());
    }
}
