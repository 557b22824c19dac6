package dev.irprune.pipeline;

import ai.djl.ndarray.NDManager;
import dev.irprune.capture.Capture;
import dev.irprune.data.DataSplit;
import dev.irprune.data.ImageSet;
import dev.irprune.io.Progress;
import dev.irprune.model.DenseSpec;
import dev.irprune.model.LayerSpec;
import dev.irprune.model.ConvSpec;
import dev.irprune.model.Network;
import dev.irprune.model.NetworkSpec;
import dev.irprune.model.Tensor;
import dev.irprune.report.LayerReport;
import dev.irprune.select.LayerKind;
import dev.irprune.select.LayerPlan;
import dev.irprune.select.LayerStep;
import dev.irprune.select.NetworkLayer;
import dev.irprune.select.Schedule;
import dev.irprune.select.SeedSelector;
import dev.irprune.select.SelectionConfig;
import dev.irprune.surgery.Surgery;
import dev.irprune.train.Evaluator;
import dev.irprune.train.Fitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference method's layer loop, with filters removed physically. For each convolution in
 * order, then each hidden dense layer: capture the layer on the analysis set, decide (importance,
 * and redundancy where the schedule applies it), remove the importance-pruned filters, evaluate,
 * remove the redundancy-pruned ones, evaluate, reset the optimiser and fine-tune, evaluate.
 */
public final class Pipeline {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    /** The pruned network, the decisions, and what happened at each layer. */
    public record Result(NetworkSpec spec, Map<String, Tensor> weights, double baselineAccuracy, double finalAccuracy,
            List<LayerPlan> plans, List<LayerReport> layers) {}

    private final DataSplit data;
    private final PruneConfig config;
    private final ImageSet analysis;
    private NetworkSpec spec;
    private Network net;

    private Pipeline(DataSplit data, PruneConfig config) {
        this.data = data;
        this.config = config;
        this.analysis = data.train().head(config.analysisSamples());
        if (analysis.size() < 2) {
            throw new dev.irprune.io.InputException("the analysis set has " + analysis.size()
                    + " image(s); entropy and correlation need at least 2 training images");
        }
    }

    public static Result run(NetworkSpec spec, Map<String, Tensor> weights, DataSplit data, PruneConfig config) {
        Pipeline p = new Pipeline(data, config);
        try (NDManager manager = NDManager.newBaseManager()) {
            p.spec = spec;
            p.net = Network.create(spec, weights, manager);
            try {
                return p.loop(manager);
            } finally {
                p.net.close();
            }
        }
    }

    /** The reference schedule's view of a network: which layers are convolutions, hidden dense or output. */
    public static List<NetworkLayer> layersOf(NetworkSpec spec) {
        List<NetworkLayer> out = new ArrayList<>();
        for (LayerSpec l : spec.layers()) {
            if (l instanceof ConvSpec) {
                out.add(new NetworkLayer(l.name(), LayerKind.CONV));
            } else if (l instanceof DenseSpec d) {
                out.add(new NetworkLayer(l.name(), d.isOutput() ? LayerKind.OUTPUT : LayerKind.DENSE_HIDDEN));
            }
        }
        return out;
    }

    private Result loop(NDManager manager) {
        double baseline = evaluate();
        LOG.info("baseline test accuracy {}", f4(baseline));
        List<LayerPlan> plans = new ArrayList<>();
        List<LayerReport> reports = new ArrayList<>();
        int layerNumber = 0;
        for (LayerStep step : Schedule.seed(layersOf(spec))) {
            SelectionConfig sc = step.config(config.entropy(), config.similarity()).orElse(null);
            if (sc == null) {
                continue;
            }
            layerNumber++;
            LayerReport r = pruneLayer(step, sc, layerNumber, manager, plans);
            reports.add(r);
        }
        double last = reports.isEmpty() ? baseline : finalAccuracy(reports.get(reports.size() - 1));
        return new Result(spec, net.weights(), baseline, last, List.copyOf(plans), List.copyOf(reports));
    }

    private LayerReport pruneLayer(LayerStep step, SelectionConfig sc, int layerNumber, NDManager manager, List<LayerPlan> plans) {
        String name = step.name();
        long start = System.nanoTime();
        double[][] activations;
        try (Progress p = Progress.start("capture " + name, analysis.size())) {
            activations = Capture.pooled(net, analysis, name, p);
        }
        double captureSeconds = seconds(start);
        long selectStart = System.nanoTime();
        LayerPlan plan = SeedSelector.select(name, activations, sc);
        double selectSeconds = seconds(selectStart);
        plans.add(plan);
        int before = plan.channels();

        int[] afterImportance = afterImportance(plan);
        if (afterImportance.length < before) {
            cut(name, afterImportance, manager);
        }
        Double accImportance = evaluate();
        Double accRedundancy = null;
        if (plan.redundancy()) {
            if (!plan.prunedByRedundancy().isEmpty()) {
                cut(name, positions(plan.keptIndices(), afterImportance), manager);
            }
            accRedundancy = evaluate();
        }
        Double accFinetune = null;
        long ftStart = System.nanoTime();
        if (config.finetune().epochs() > 0) {
            try (Fitter fitter = new Fitter(net, config.finetune())) {
                for (int e = 1; e <= config.finetune().epochs(); e++) {
                    try (Progress p = Progress.start("fine-tune " + name + " " + e + "/" + config.finetune().epochs(), data.train().size())) {
                        fitter.epoch(data.train(), layerNumber * 1000 + e, p);
                    }
                }
            }
            accFinetune = evaluate();
        }
        double ftSeconds = seconds(ftStart);
        LOG.info("{}: {} -> {} ({} by entropy, {} by redundancy{}); test accuracy {} / {} / {}", name, before,
                plan.kept().size(), plan.prunedByEntropy().size(), plan.prunedByRedundancy().size(),
                plan.rescued() == null ? "" : ", kept " + plan.rescued() + " so the layer is not emptied",
                f4(accImportance), accRedundancy == null ? "-" : f4(accRedundancy), accFinetune == null ? "-" : f4(accFinetune));
        String kind = step.kind() == LayerKind.CONV ? "conv" : "dense";
        return new LayerReport(name, kind, before, plan.kept().size(), plan.prunedByEntropy(), plan.prunedByRedundancy(),
                plan.rescued(), plan.budget(), accImportance, accRedundancy, accFinetune, 0, 0, 0, 0, captureSeconds,
                selectSeconds, ftSeconds, seconds(start));
    }

    /** Filters left after importance pruning alone (the rescued filter included), ascending. */
    static int[] afterImportance(LayerPlan plan) {
        return LayerPlan.keptFrom(plan.channels(), plan.prunedByEntropy(), List.of(), plan.rescued()).stream()
                .mapToInt(Integer::intValue).toArray();
    }

    /** Where each of {@code finalKept} sits among {@code current} (both ascending, original numbering). */
    static int[] positions(int[] finalKept, int[] current) {
        int[] out = new int[finalKept.length];
        int j = 0;
        for (int i = 0; i < finalKept.length; i++) {
            while (current[j] != finalKept[i]) {
                j++;
            }
            out[i] = j;
        }
        return out;
    }

    private void cut(String layer, int[] keep, NDManager manager) {
        Surgery.Result r = Surgery.keep(spec, net.weights(), layer, keep);
        net.close();
        spec = r.spec();
        net = Network.create(spec, r.weights(), manager);
    }

    private double evaluate() {
        return Evaluator.evaluate(net, data.test()).accuracy();
    }

    private static double finalAccuracy(LayerReport r) {
        if (r.accuracyAfterFinetune() != null) {
            return r.accuracyAfterFinetune();
        }
        return r.accuracyAfterRedundancy() != null ? r.accuracyAfterRedundancy() : r.accuracyAfterImportance();
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static String f4(double v) {
        return String.format("%.4f", v);
    }
}
