package dev.irprune.cli;

import dev.irprune.data.DataConfig;
import dev.irprune.data.Datasets;
import dev.irprune.interop.Import;
import dev.irprune.io.AtomicFiles;
import dev.irprune.io.InputException;
import dev.irprune.model.Costs;
import dev.irprune.model.ModelFolder;
import dev.irprune.model.NetworkSpec;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code irprune import SOURCE --out DIR}: a model made by another tool as an IRPrune model folder. */
@Command(header = "Import a TensorFlow checkpoint, Keras file or ONNX model as a model folder.", name = "import",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = "Read a model made by another tool and write an ordinary IRPrune model folder (spec.json, "
                + "weights.safetensors, provenance.json saying where it came from). SOURCE: a TensorFlow checkpoint (a prefix "
                + "such as training_1/cp.ckpt, or its folder with the 'checkpoint' file; the architecture from --arch, default "
                + "the reference VGG16, --spec or --keras-config), a Keras .h5 (full model or weights), .weights.h5 or .keras, or "
                + "an .onnx file. With --dataset the folder records its data set, which eval and prune then use by default.")
final class ImportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "The model to import.")
    Path source;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The model folder to write.")
    Path out;

    @Mixin SourceOptions src;
    @Mixin ModelOptions model;
    @Mixin DataOptions data;

    @Override
    public Integer call() {
        AtomicFiles.checkFolder(out);
        if (ModelSource.isFolder(source)) {
            throw new InputException(source + ": already an IRPrune model folder; use it with --model as it is");
        }
        boolean withData = TrainedWith.given(spec, "--dataset");
        DataConfig dc = data.config();
        Import.Imported imported = ModelSource.read(spec, source, src, model, dc);
        if (withData) {
            TrainedWith.checkChannels(imported.spec(), dc);
        }
        NetworkSpec net = ModelSource.fitted(imported.spec(), () -> {
            if (!withData) {
                throw new InputException("--preprocess standardize needs the training images' mean and std: give --dataset "
                        + "(and --data-dir) with the import, or choose --preprocess scale255 or none");
            }
            return Datasets.load(dc, imported.spec().input().height(), imported.spec().input().width());
        });
        AtomicFiles.writeFolder(out, dir -> {
            ModelFolder.save(dir, net, imported.weights());
            ModelSource.provenance(imported, withData ? dc : null, 0).write(dir);
        });
        Costs costs = Costs.of(net);
        var w = spec.commandLine().getOut();
        w.printf("imported %s (%s) into %s: %s, input %s (%s), %,d parameters, %,d MACs%n", source, imported.format().label(), out,
                net.arch(), net.input().shape(), net.input().preprocess().cliName(), costs.params(), costs.totalMacs());
        w.println("evaluate it: irprune eval --model " + out + (withData ? "" : " --dataset NAME [--data-dir DIR]"));
        w.flush();
        return 0;
    }
}
