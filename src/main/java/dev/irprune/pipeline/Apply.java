package dev.irprune.pipeline;

import ai.djl.ndarray.NDManager;
import dev.irprune.data.DataSplit;
import dev.irprune.io.InputException;
import dev.irprune.io.Progress;
import dev.irprune.model.Network;
import dev.irprune.model.NetworkSpec;
import dev.irprune.model.Tensor;
import dev.irprune.run.Engines;
import dev.irprune.run.RunContext;
import dev.irprune.select.GroupPlan;
import dev.irprune.select.NetworkPlan;
import dev.irprune.surgery.Surgery;
import dev.irprune.train.Fitter;
import dev.irprune.train.TrainConfig;
import java.util.Map;

/**
 * Decide, then cut: rebuilds the pruned network from a saved plan without deciding again. Each
 * group's kept channels are removed in plan order, optionally followed by fine-tuning as the
 * pipeline does it (the same epochs, the same seeds), so applying a run's plan to the same model
 * gives that run's pruned weights, byte for byte.
 */
public final class Apply {
    private Apply() {}

    /** The network and weights after the plan; {@code data} may be null when {@code finetune.epochs()} is 0. */
    public static Surgery.Result run(NetworkSpec spec, Map<String, Tensor> weights, NetworkPlan plan, TrainConfig finetune,
            DataSplit data, RunContext ctx) {
        Surgery.Result current = new Surgery.Result(spec, weights);
        int g = 0;
        for (GroupPlan p : plan.groups()) {
            try {
                int channels = current.spec().width(p.producers().get(0));
                if (channels != p.channels()) {
                    throw new InputException("the plan's group " + p.group() + " has " + p.channels() + " channels, the model's "
                            + channels + ": the plan was made for another network");
                }
                current = p.kept().size() < p.channels()
                        ? Surgery.keep(current.spec(), current.weights(), p.group(), p.keptIndices()) : current;
            } catch (IllegalArgumentException e) {
                throw new InputException("cannot apply the plan of group " + p.group() + ": " + e.getMessage());
            }
            g++;
            if (finetune.epochs() > 0) {
                current = finetune(current, finetune, data, ctx, g, p.group());
            }
        }
        return current;
    }

    private static Surgery.Result finetune(Surgery.Result r, TrainConfig finetune, DataSplit data, RunContext ctx, int g, String name) {
        try (NDManager manager = Engines.manager(ctx); Network net = Network.create(r.spec(), r.weights(), manager);
                Fitter fitter = new Fitter(net, finetune, ctx.seed())) {
            for (int e = 1; e <= finetune.epochs(); e++) {
                try (Progress p = Progress.start("fine-tune " + name + " " + e + "/" + finetune.epochs(), data.train().size())) {
                    fitter.epoch(data.train(), g * 1000 + e, p);
                }
            }
            return new Surgery.Result(r.spec(), net.weights());
        }
    }
}
