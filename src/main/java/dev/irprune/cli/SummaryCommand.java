package dev.irprune.cli;

import dev.irprune.data.DatasetName;
import dev.irprune.io.Json;
import dev.irprune.model.Costs;
import dev.irprune.model.LayerCost;
import dev.irprune.model.ModelFolder;
import dev.irprune.model.NetworkSpec;
import dev.irprune.report.TextTable;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code irprune summary}: layers, output shapes, MACs and parameters of a network. */
@Command(header = "Layers, output shapes, MACs and parameters of a network.", name = "summary", mixinStandardHelpOptions = true,
        description = "Print a network's layers with output shape, MACs and parameters, and the totals.")
final class SummaryCommand implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin CommonOptions common;
    @Mixin ModelOptions model;

    @Option(names = "--model", paramLabel = "DIR", description = "A model folder (spec.json); replaces the architecture options.")
    Path modelDir;

    @Option(names = "--dataset", defaultValue = "cifar10", converter = DataOptions.DatasetConverter.class,
            description = "Input images of this data set: cifar10 (3x32x32), fashion-mnist or demo (1x32x32). Default: ${DEFAULT-VALUE}.")
    DatasetName dataset;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    /** What {@code --json} prints. */
    record Summary(String arch, String input, java.util.List<LayerCost> layers, long convMacs, long totalMacs, long params) {}

    @Override
    public Integer call() {
        NetworkSpec net = modelDir != null ? ModelFolder.readSpec(modelDir) : model.spec(dataset);
        checkCountable(net, modelDir != null ? modelDir.resolve("spec.json") + ": " : "");
        Costs costs = Costs.of(net);
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(new Summary(net.arch(), net.input().shape().toString(), costs.layers(),
                    costs.convMacs(), costs.totalMacs(), costs.params())));
        } else {
            out.print(render(net, costs));
        }
        out.flush();
        return 0;
    }

    /**
     * Refuses (bad input, exit 2) a network whose MACs or parameters might not fit the
     * {@code long} arithmetic of {@link Costs}, which would wrap around silently: a spec.json can
     * hold any int widths and input sizes. Every product Costs forms for a layer is at most
     * {@code k^2 |in| |out| + 5 |out|} (k the kernel size, 1 for other layers; |x| the number of
     * values of a shape); if the sum of these bounds, in double precision, stays below 2^62, no
     * product and no total overflows. The options alone can never fail this (see {@link Ranges}).
     */
    static void checkCountable(NetworkSpec net, String source) {
        double bound = 0;
        java.util.List<dev.irprune.model.Shape> outs = net.outputShapes();
        for (int i = 0; i < outs.size(); i++) {
            double k = net.layers().get(i) instanceof dev.irprune.model.ConvSpec c ? (double) c.kernel() * c.kernel() : 1;
            double out = size(outs.get(i));
            bound += k * size(net.inputShape(i)) * out + 5 * out;
        }
        if (!(bound < 0x1p62)) {
            throw new dev.irprune.io.InputException(source + "the network is too large to count: its MACs or parameters"
                    + " could exceed " + Long.MAX_VALUE);
        }
    }

    private static double size(dev.irprune.model.Shape shape) {
        double n = 1;
        for (int d : shape.dims()) {
            n *= d;
        }
        return n;
    }

    static String render(NetworkSpec net, Costs costs) {
        TextTable t = new TextTable("layer", "kind", "output", "MACs", "params");
        for (LayerCost c : costs.layers()) {
            t.row(c.name(), c.kind(), c.outputShape().toString(), c.macs(), c.params());
        }
        t.rule().row("total", "", "", costs.totalMacs(), costs.params());
        return net.arch() + ", input " + net.input().shape() + "\n" + t.render()
                + String.format("convolution MACs: %,d%n", costs.convMacs());
    }
}
