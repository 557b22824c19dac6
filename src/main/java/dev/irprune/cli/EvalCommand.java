package dev.irprune.cli;

import dev.irprune.data.DataConfig;
import dev.irprune.data.DataSplit;
import dev.irprune.data.Datasets;
import dev.irprune.io.Json;
import dev.irprune.model.ModelFolder;
import dev.irprune.train.Evaluation;
import dev.irprune.train.Evaluator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code irprune eval}: test accuracy and loss of a model folder. */
@Command(header = "Test accuracy and loss of a model folder.", name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print a model's test accuracy and loss, and write eval.json into the model folder. The data set defaults to the one the model was trained (or pruned) on.")
final class EvalCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CommonOptions common;
    @Mixin DataOptions data;
    @Mixin RunOptions run;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "The model folder.")
    Path modelDir;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    /** What {@code eval.json} and {@code --json} hold. */
    record Result(String model, String dataset, String dataSource, double accuracy, double loss, int images) {}

    @Override
    public Integer call() {
        ModelFolder.Contents contents = ModelFolder.load(modelDir);
        DataConfig dc = TrainedWith.data(spec, data.config(), TrainedWith.provenance(modelDir));
        TrainedWith.checkChannels(contents.spec(), dc);
        DataSplit split = Datasets.loadTest(dc, contents.spec().input().height(), contents.spec().input().width());
        Evaluation ev = Evaluator.evaluate(contents.spec(), contents.weights(), split.test(), run.context());
        Result r = new Result(modelDir.toString(), split.name(), split.source(), ev.accuracy(), ev.loss(), ev.images());
        Json.writeFile(modelDir.resolve("eval.json"), r);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(r));
        } else {
            out.printf("test accuracy %.4f, loss %.4f (%d images of %s)%n", r.accuracy(), r.loss(), r.images(), r.dataset());
        }
        out.flush();
        return 0;
    }
}
