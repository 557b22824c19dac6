package dev.irprune.cli;

import dev.irprune.data.DatasetName;
import dev.irprune.io.Json;
import dev.irprune.model.Costs;
import dev.irprune.groups.ChannelGroup;
import dev.irprune.groups.ChannelGroups;
import dev.irprune.model.NodeCost;
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
            description = "Input images of this data set: cifar10 (3x32x32), fashion-mnist, mnist or demo (1x32x32 for IRPrune's own networks). Default: ${DEFAULT-VALUE}.")
    DatasetName dataset;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    /** One channel group, as summary shows it. */
    record Group(String name, String kind, int channels, java.util.List<String> producers, boolean prunable, String reason) {}

    /** What {@code --json} prints. */
    record Summary(String arch, String input, java.util.List<NodeCost> nodes, long convMacs, long totalMacs, long params,
            long trainableParams, java.util.List<Group> groups) {}

    @Override
    public Integer call() {
        NetworkSpec net = modelDir != null ? ModelFolder.readSpec(modelDir) : model.spec(dataset.channels(), dataset.classes());
        Costs costs;
        try {
            costs = Costs.of(net);
        } catch (ArithmeticException e) {
            throw new dev.irprune.io.InputException((modelDir != null ? modelDir.resolve("spec.json") + ": " : "")
                    + "the network is too large to count: its MACs or parameters overflow a 64-bit count");
        }
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(new Summary(net.arch(), net.input().shape().toString(), costs.nodes(),
                    costs.convMacs(), costs.totalMacs(), costs.params(), costs.trainableParams(), groups(net))));
        } else {
            out.print(render(net, costs));
        }
        out.flush();
        return 0;
    }

    static java.util.List<Group> groups(NetworkSpec net) {
        return ChannelGroups.of(net).stream().filter(g -> g.kind() != ChannelGroup.Kind.INPUT)
                .map(g -> new Group(g.name(), g.kind().name().toLowerCase(java.util.Locale.ROOT), g.channels(), g.producers(),
                        g.prunable(), g.reason())).toList();
    }

    static String render(NetworkSpec net, Costs costs) {
        TextTable t = new TextTable("node", "kind", "output", "MACs", "params");
        for (NodeCost c : costs.nodes()) {
            t.row(c.name(), c.kind(), c.outputShape().toString(), c.macs(), c.params());
        }
        t.rule().row("total", "", "", costs.totalMacs(), costs.params());
        TextTable g = new TextTable("channel group", "kind", "channels", "producers", "prunable");
        for (Group group : groups(net)) {
            g.row(group.name(), group.kind(), group.channels(), String.join(" ", group.producers()),
                    group.prunable() ? "yes" : "no: " + group.reason());
        }
        return net.arch() + ", input " + net.input().shape() + "\n" + t.render()
                + String.format("convolution MACs: %,d; trainable parameters: %,d%n%n", costs.convMacs(), costs.trainableParams())
                + g.render();
    }
}
