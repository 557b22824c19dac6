package dev.irprune.pipeline;

import ai.djl.ndarray.NDManager;
import dev.irprune.data.DataSplit;
import dev.irprune.data.ImageSet;
import dev.irprune.groups.ChannelGroup;
import dev.irprune.groups.ChannelGroups;
import dev.irprune.io.Progress;
import dev.irprune.model.Network;
import dev.irprune.model.NetworkSpec;
import dev.irprune.model.Tensor;
import dev.irprune.report.Figures;
import dev.irprune.report.GroupFigure;
import dev.irprune.report.GroupReport;
import dev.irprune.report.ReportFiles;
import dev.irprune.score.Correlation;
import dev.irprune.score.SimilarityMatrix;
import dev.irprune.run.Engines;
import dev.irprune.run.Interrupts;
import dev.irprune.select.Evidence;
import dev.irprune.select.GroupDecision;
import dev.irprune.select.GroupPlan;
import dev.irprune.select.LayerKind;
import dev.irprune.select.LayerPlan;
import dev.irprune.select.LayerStep;
import dev.irprune.select.NetworkLayer;
import dev.irprune.select.PruningConfig;
import dev.irprune.select.Rounding;
import dev.irprune.select.Schedule;
import dev.irprune.surgery.Surgery;
import dev.irprune.train.Collapse;
import dev.irprune.train.Evaluation;
import dev.irprune.train.Evaluator;
import dev.irprune.train.Fitter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The method's loop over channel groups, with channels removed physically: for each prunable group
 * in network order, capture the evidence its criterion needs on the analysis set, score the
 * channels, decide (the policy, then any rounding), remove the channels (the reference rule in
 * two stages, evaluating after each), reset the optimiser and fine-tune, evaluate. A checkpoint
 * after the baseline, after each removal, after each fine-tuning epoch and after each group lets
 * {@link #resume} continue a killed run to the same bytes.
 */
public final class Pipeline {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    /** The pruned network, the decisions, and what happened at each group. */
    public record Result(NetworkSpec spec, Map<String, Tensor> weights, double baselineAccuracy, double finalAccuracy,
            List<GroupPlan> plans, List<GroupReport> groups, double seconds, Instant started) {}

    private final PruneRequest request;
    private final DataSplit data;
    private final ImageSet analysis;
    private final Path out;
    private final List<String> groups;
    private final List<LayerStep> steps;
    private NetworkSpec spec;
    private Network net;
    private RunState state;
    private Map<String, Tensor> optimizer = Map.of();
    private long resumedAt = System.nanoTime();

    private Pipeline(PruneRequest request, DataSplit data, Path out, NetworkSpec spec, RunState state) {
        this.request = request;
        this.data = data;
        this.out = out;
        this.analysis = analysisSet(data, request.pruning());
        this.spec = spec;
        this.state = state;
        this.groups = ChannelGroups.prunable(spec).stream().map(ChannelGroup::name).toList();
        this.steps = Schedule.seed(ChannelGroups.prunable(spec).stream()
                .map(g -> new NetworkLayer(g.name(), g.kind() == ChannelGroup.Kind.DENSE ? LayerKind.DENSE_HIDDEN : LayerKind.CONV))
                .toList());
    }

    /** The analysis set: the first {@code analysisSamples} training images; fewer than 2 is bad input. */
    public static ImageSet analysisSet(DataSplit data, PruningConfig pruning) {
        ImageSet a = data.train().head(pruning.analysisSamples());
        if (a.size() < 2) {
            throw new dev.irprune.io.InputException("the analysis set has " + a.size()
                    + " image(s); the criteria need at least 2 training images");
        }
        return a;
    }

    /** Prunes the network {@code spec} with {@code weights} from the start, checkpointing into {@code out}. */
    public static Result run(PruneRequest request, NetworkSpec spec, Map<String, Tensor> weights, DataSplit data, Path out) {
        RunState start = new RunState(RunState.VERSION, request, null, 0, List.of(), List.of(), null, 0, Instant.now().toString());
        return new Pipeline(request, data, out, spec, start).loop(weights);
    }

    /** Continues the run whose checkpoint is {@code ckpt}, with its recorded settings. */
    public static Result resume(RunCheckpoint.Contents ckpt, DataSplit data, Path out) {
        RunState s = ckpt.state();
        LOG.info("resuming {} at group {} of its plan{}", out, s.nextGroup() + 1,
                s.current() == null ? "" : " after " + s.current().epochsDone() + " fine-tuning epoch(s)");
        Pipeline p = new Pipeline(s.request(), data, out, ckpt.spec(), s);
        p.optimizer = ckpt.optimizer();
        return p.loop(ckpt.weights());
    }

    private Result loop(Map<String, Tensor> weights) {
        try (NDManager manager = Engines.manager(request.context())) {
            net = Network.create(spec, weights, manager);
            try {
                if (state.baselineAccuracy() == null) {
                    double baseline = evaluate();
                    LOG.info("baseline test accuracy {}", f4(baseline));
                    state = withBaseline(baseline);
                    checkpoint();
                }
                for (int g = state.nextGroup(); g < groups.size(); g++) {
                    pruneGroup(g, manager);
                }
                List<GroupReport> reports = state.reports();
                double last = reports.isEmpty() ? state.baselineAccuracy() : reports.get(reports.size() - 1).finalAccuracy();
                return new Result(spec, net.weights(), state.baselineAccuracy(), last, state.plans(), reports, secondsSoFar(),
                        Instant.parse(state.started()));
            } finally {
                net.close();
            }
        }
    }

    private void pruneGroup(int g, NDManager manager) {
        GroupInProgress current = state.current();
        if (current == null) {
            current = decideAndRemove(g, manager);
            state = with(state.nextGroup(), state.plans(), state.reports(), current);
            optimizer = Map.of();
            checkpoint();
        }
        int epochs = request.finetune().epochs();
        long ftStart = System.nanoTime();
        Double accFinetune = null;
        if (epochs > 0) {
            try (Fitter fitter = new Fitter(net, request.finetune(), request.context().seed())) {
                if (current.epochsDone() > 0) {
                    fitter.optimizer().restore(optimizer, current.optimizerSteps());
                }
                String name = groups.get(g);
                for (int e = current.epochsDone() + 1; e <= epochs; e++) {
                    try (Progress p = Progress.start("fine-tune " + name + " " + e + "/" + epochs, data.train().size())) {
                        fitter.epoch(data.train(), (g + 1) * 1000 + e, p);
                    }
                    double done = current.report().finetuneSeconds() + (System.nanoTime() - ftStart) / 1e9;
                    current = new GroupInProgress(current.plan(), current.report().withFinetune(null, done, current.report().seconds()),
                            e, fitter.optimizer().steps());
                    ftStart = System.nanoTime();
                    state = with(state.nextGroup(), state.plans(), state.reports(), current);
                    optimizer = fitter.optimizer().state();
                    checkpoint();
                }
            }
            accFinetune = evaluate();
        }
        GroupReport r = current.report();
        double ftSeconds = r.finetuneSeconds() + (System.nanoTime() - ftStart) / 1e9;
        r = r.withFinetune(accFinetune, ftSeconds, r.seconds() + ftSeconds);
        LOG.info("{}: {} -> {} channels; test accuracy {} after removal, {} after fine-tuning", r.group(), r.channelsBefore(),
                r.channelsAfter(), f4(r.accuracyAfterPruning()), accFinetune == null ? "-" : f4(accFinetune));
        List<GroupPlan> plans = new ArrayList<>(state.plans());
        plans.add(current.plan());
        List<GroupReport> reports = new ArrayList<>(state.reports());
        reports.add(r);
        state = with(g + 1, plans, reports, null);
        optimizer = Map.of();
        checkpoint();
    }

    /** Capture, score, decide, remove (in one or two stages) and evaluate: the group's state before fine-tuning. */
    private GroupInProgress decideAndRemove(int g, NDManager manager) {
        String name = groups.get(g);
        ChannelGroup group = ChannelGroups.named(spec, name);
        PruningConfig pc = request.pruning();
        long start = System.nanoTime();
        Evidence evidence;
        try (Progress p = Progress.start("capture " + name, analysis.size())) {
            evidence = EvidenceExtractor.extract(net, group, pc.criterion().needs(), analysis, pc.rankImages(),
                    request.context().seed() * 31 + g, p);
        }
        double captureSeconds = seconds(start);
        long selectStart = System.nanoTime();
        double[] scores = pc.criterion().scores(evidence);
        GroupDecision d = Rounding.roundUp(pc.policy().policy().decide(evidence, steps.get(g), scores), scores, pc.roundTo());
        double selectSeconds = seconds(selectStart);
        Interrupts.check();
        int before = scores.length;
        int[] kept = d.kept();
        Double accImportance = null;
        int[] first = d.afterFirstStage();
        if (first != null) {
            if (first.length < before) {
                cut(name, first, manager);
            }
            accImportance = evaluate();
            if (kept.length < first.length) {
                cut(name, positions(kept, first), manager);
            }
        } else if (kept.length < before) {
            cut(name, kept, manager);
        }
        double accPruned = first != null && kept.length == first.length ? accImportance : evaluate();
        LayerPlan seed = d.seed();
        GroupPlan plan = new GroupPlan(name, group.kind() == ChannelGroup.Kind.DENSE ? "dense" : "conv", group.producers(), before,
                box(scores), d.ruleKept(), Arrays.stream(kept).boxed().toList(), seed);
        GroupReport report = new GroupReport(name, plan.kind(), group.producers(), before, kept.length, d.ruleKept(),
                removed(kept, before), seed == null ? List.of() : seed.prunedByEntropy(),
                seed == null ? List.of() : seed.prunedByRedundancy(), seed == null ? null : seed.rescued(),
                seed == null ? null : seed.budget(), accImportance, accPruned, null, 0, 0, 0, 0, captureSeconds, selectSeconds, 0,
                seconds(start));
        if (request.figures()) {
            GroupFigure figure = figure(name, evidence, scores, kept, seed);
            ReportFiles.bestEffort("the figures of " + name, () -> Figures.write(out, figure));
        }
        if (seed != null) {
            LOG.info("{}: {} by entropy, {} by redundancy{}", name, seed.prunedByEntropy().size(), seed.prunedByRedundancy().size(),
                    seed.rescued() == null ? "" : ", kept " + seed.rescued() + " so the group is not emptied");
        }
        return new GroupInProgress(plan, report, 0, 0);
    }

    /** What the group's figures show: scores, each channel's fate and, for the reference rule's redundancy stage, the similarities. */
    private GroupFigure figure(String name, Evidence evidence, double[] scores, int[] kept, LayerPlan seed) {
        int[] fate = new int[scores.length];
        java.util.Arrays.fill(fate, 1);
        for (int k : kept) {
            fate[k] = 0;
        }
        if (seed == null) {
            return new GroupFigure(name, request.pruning().criterion().cliName(), scores, fate, null, null, null, null);
        }
        seed.prunedByRedundancy().forEach(f -> fate[f] = kept(kept, f) ? 0 : 2);
        SimilarityMatrix sim = seed.similarityRows() == null ? null
                : Correlation.absolutePearson(evidence.activations(), seed.similarityRows());
        return new GroupFigure(name, "seed", scores, fate, sim, seed.pairs().stream().map(p -> new int[] {p.pruned(), p.kept()}).toList(),
                seed.entropyThreshold(), seed.redundancy() ? seed.similarityThreshold() : null);
    }

    private static boolean kept(int[] kept, int f) {
        return java.util.Arrays.binarySearch(kept, f) >= 0;
    }

    private void cut(String group, int[] keep, NDManager manager) {
        Surgery.Result r = Surgery.keep(spec, net.weights(), group, keep);
        net.close();
        spec = r.spec();
        net = Network.create(spec, r.weights(), manager);
    }

    private double evaluate() {
        Evaluation e = Evaluator.evaluate(net, data.test());
        Collapse.warning(e, spec.classes()).ifPresent(w -> LOG.warn("{}", w));
        return e.accuracy();
    }

    private void checkpoint() {
        Interrupts.check();
        RunCheckpoint.write(out, withSeconds(state), spec, net.weights(), optimizer);
    }

    private RunState withBaseline(double baseline) {
        return new RunState(RunState.VERSION, request, baseline, state.nextGroup(), state.plans(), state.reports(), state.current(),
                state.seconds(), state.started());
    }

    private RunState with(int next, List<GroupPlan> plans, List<GroupReport> reports, GroupInProgress current) {
        return new RunState(RunState.VERSION, request, state.baselineAccuracy(), next, plans, reports, current, state.seconds(),
                state.started());
    }

    private RunState withSeconds(RunState s) {
        return new RunState(s.version(), s.request(), s.baselineAccuracy(), s.nextGroup(), s.plans(), s.reports(), s.current(),
                secondsSoFar(), s.started());
    }

    private double secondsSoFar() {
        return state.seconds() + (System.nanoTime() - resumedAt) / 1e9;
    }

    /** Where each of {@code finalKept} sits among {@code current} (both ascending, the same numbering). */
    static int[] positions(int[] finalKept, int[] current) {
        int[] outIdx = new int[finalKept.length];
        int j = 0;
        for (int i = 0; i < finalKept.length; i++) {
            while (current[j] != finalKept[i]) {
                j++;
            }
            outIdx[i] = j;
        }
        return outIdx;
    }

    private static List<Integer> removed(int[] kept, int channels) {
        boolean[] k = new boolean[channels];
        for (int f : kept) {
            k[f] = true;
        }
        List<Integer> outList = new ArrayList<>();
        for (int f = 0; f < channels; f++) {
            if (!k[f]) {
                outList.add(f);
            }
        }
        return outList;
    }

    private static List<Double> box(double[] v) {
        return Arrays.stream(v).boxed().toList();
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static String f4(double v) {
        return String.format("%.4f", v);
    }
}
