package dev.irprune.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irprune.data.DataConfig;
import dev.irprune.data.DataSplit;
import dev.irprune.io.AtomicFiles;
import dev.irprune.io.InputException;
import dev.irprune.io.Json;
import dev.irprune.model.Costs;
import dev.irprune.model.ModelFolder;
import dev.irprune.pipeline.Apply;
import dev.irprune.pipeline.PruneRun;
import dev.irprune.run.RunContext;
import dev.irprune.select.GroupPlan;
import dev.irprune.select.NetworkPlan;
import dev.irprune.select.Rounding;
import dev.irprune.surgery.Surgery;
import dev.irprune.train.Provenance;
import dev.irprune.train.TrainConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code irprune apply}: rebuilds a pruned network from a saved plan, without deciding again. */
@Command(header = "Rebuild a pruned network from a saved plan (decide, then cut).", name = "apply", mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Remove the channels a pruning run's report.json kept out, group by group, from the model it was made from, "
                + "and write the result as a model folder. With --finetune-epochs N, fine-tune after each group as 'prune' does "
                + "(the same seeds), which reproduces the run's pruned weights (without --round-to). With --round-to N, every "
                + "pruned group keeps a multiple of N channels, keeping back the best-scored of those the plan removed.")
final class ApplyCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Option(names = "--plan", required = true, paramLabel = "REPORT", description = "A pruning run's report.json.")
    Path plan;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "The model folder the plan was made for.")
    Path modelDir;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The model folder to write.")
    Path out;

    @Option(names = "--round-to", paramLabel = "N", defaultValue = "0",
            description = "Keep a multiple of N channels in every pruned group (at least N, at most all), keeping back the "
                    + "best-scored of those the plan removed, from the scores it recorded (default: 0, the plan as it is). It "
                    + "only adds channels to the plan's counts; later groups keep the decisions recorded in the plan, which "
                    + "were measured on the network as the run cut it, not as rounded here.")
    int roundTo;

    @Option(names = "--finetune-epochs", paramLabel = "N", defaultValue = "0", converter = Ranges.Epochs.class, description = "Fine-tuning epochs after each group (default: ${DEFAULT-VALUE}).")
    int finetuneEpochs;

    @Mixin DataOptions data;
    @Mixin TrainOptions train;
    @Mixin RunOptions run;

    @Override
    public Integer call() {
        AtomicFiles.checkFolder(out);
        try {
            Rounding.checkMultiple(roundTo);
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage());
        }
        JsonNode tree = Json.readFile(plan, JsonNode.class);
        NetworkPlan p;
        try {
            p = Json.MAPPER.treeToValue(tree.path("plan"), NetworkPlan.class);
        } catch (Exception e) {
            throw new InputException(plan + ": not an IRPrune report.json with a plan: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (p == null || p.groups().isEmpty()) {
            throw new InputException(plan + ": not an IRPrune report.json with a plan");
        }
        NetworkPlan saved = p;
        if (roundTo > 1) {
            p = new NetworkPlan(p.config(), p.groups().stream().map(this::rounded).toList());
        }
        ModelFolder.Contents model = ModelFolder.load(modelDir);
        Optional<Provenance> made = TrainedWith.provenance(modelDir);
        RunContext ctx = TrainedWith.context(spec, run.context(), made);
        TrainConfig tc = TrainedWith.train(spec, train.config(), made).withEpochs(finetuneEpochs);
        DataConfig dc = TrainedWith.data(spec, data.config(), made);
        DataSplit split = null;
        if (finetuneEpochs > 0) {
            TrainedWith.checkChannels(model.spec(), dc);
            split = PruneRun.load(dc, model.spec());
        }
        Surgery.Result r = Apply.run(model.spec(), model.weights(), p, tc, split, ctx);
        AtomicFiles.writeFolder(out, dir -> {
            ModelFolder.save(dir, r.spec(), r.weights());
            String rounding = roundTo > 1 ? ", every pruned group rounded up to a multiple of " + roundTo + " channels" : "";
            new Provenance("applied the plan of " + plan + " to " + modelDir + rounding, made.map(Provenance::data).orElse(null),
                    tc, ctx.seed()).write(dir);
        });
        Costs before = Costs.of(model.spec());
        Costs after = Costs.of(r.spec());
        PrintWriter w = spec.commandLine().getOut();
        if (roundTo > 1) {
            printRounding(w, saved.groups(), p.groups());
        }
        w.printf("applied %d groups: MACs %,d -> %,d (x%.3f fewer), parameters %,d -> %,d%nmodel: %s%n", p.groups().size(),
                before.totalMacs(), after.totalMacs(), (double) before.totalMacs() / after.totalMacs(), before.params(), after.params(),
                out);
        w.flush();
        return 0;
    }

    /** The group rounded up, or one clear line when the plan's record of it does not hold together. */
    private GroupPlan rounded(GroupPlan g) {
        try {
            return Rounding.roundUp(g, roundTo);
        } catch (IllegalArgumentException e) {
            throw new InputException(plan + ": group " + g.group() + " cannot be rounded: its saved scores or rule record do "
                    + "not match its kept channels (" + e.getMessage() + ")");
        }
    }

    /** One line per group that rounding changed: the rule's count, the plan's, the rounded one. */
    private static void printRounding(PrintWriter w, List<GroupPlan> saved, List<GroupPlan> rounded) {
        int changed = 0;
        for (int i = 0; i < saved.size(); i++) {
            GroupPlan a = saved.get(i);
            GroupPlan b = rounded.get(i);
            if (b.kept().size() != a.kept().size()) {
                w.printf("%s: %d of %d channels kept -> %d (the rule kept %d)%n", a.group(), a.kept().size(), a.channels(),
                        b.kept().size(), a.ruleKept());
                changed++;
            }
        }
        w.printf("rounding changed %d of %d groups%n", changed, saved.size());
    }
}
