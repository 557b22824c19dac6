package dev.irprune.cli;

import dev.irprune.data.DataConfig;
import dev.irprune.data.DataSplit;
import dev.irprune.io.AtomicFiles;
import dev.irprune.io.InputException;
import dev.irprune.model.ModelFolder;
import dev.irprune.model.NetworkSpec;
import dev.irprune.pipeline.PruneRun;
import dev.irprune.run.RunContext;
import dev.irprune.select.Criteria;
import dev.irprune.study.Sweep;
import dev.irprune.study.SweepConfig;
import dev.irprune.study.SweepFiles;
import dev.irprune.study.SweepPoint;
import dev.irprune.study.SweepRow;
import dev.irprune.train.Provenance;
import dev.irprune.train.TrainConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code irprune sweep}: one model pruned at every (E, S) of a grid, with baselines at matched widths and a control. */
@Command(header = "Prune one model at a grid of (E, S), with baselines at matched widths and a control.", name = "sweep",
        mixinStandardHelpOptions = true, sortOptions = false,
        description = "Prune the same trained model at every (E, S) point of a grid with the reference rule; at each point, "
                + "prune it again with every baseline criterion keeping exactly the rule's channels per group (matched "
                + "architecture, so equal MACs and parameters); and fine-tune the unpruned network as a pruning run does "
                + "(the control). Each run is an ordinary 'prune' output folder under OUT/points/. Finished runs are skipped "
                + "and interrupted ones resumed. --list prints one command per point for a job runner; --point K runs one. "
                + "Writes OUT/sweep.csv, sweep.json and pareto.png from the folders.")
final class SweepCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "The trained model folder.")
    Path modelDir;

    @Option(names = "--entropy", required = true, split = ",", paramLabel = "E,...", converter = Ranges.Threshold.class,
            description = "Entropy thresholds of the grid, e.g. 0.1,0.3,0.5,0.7.")
    List<Double> entropies;

    @Option(names = "--similarity", required = true, split = ",", paramLabel = "S,...", converter = Ranges.Fraction.class,
            description = "Similarity thresholds of the grid, e.g. 0.6,0.7,0.8,0.9.")
    List<Double> similarities;

    @Option(names = "--baselines", split = ",", paramLabel = "NAME,...", defaultValue = "l1,hrank,random",
            description = "Criteria run at the reference rule's widths at every point (default: ${DEFAULT-VALUE}); also entropy, "
                    + "redundancy (importance or redundancy alone), l2, bn-scale; 'none' for no baselines.")
    List<String> baselines;

    @Option(names = "--no-control", description = "Do not run the control (the unpruned network fine-tuned as a pruning run fine-tunes).")
    boolean noControl;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The sweep's folder.")
    Path out;

    @Option(names = "--list", description = "Print one command per point and run nothing.")
    boolean list;

    @Option(names = "--point", paramLabel = "K", description = "Run only point K (0-based; --list shows them).")
    Integer point;

    @Option(names = "--finetune-epochs", paramLabel = "N", defaultValue = "3", converter = Ranges.Epochs.class,
            description = "Fine-tuning epochs after each group (default: ${DEFAULT-VALUE}).")
    int finetuneEpochs;

    @Option(names = "--analysis-samples", paramLabel = "N", defaultValue = "10000", converter = Ranges.AtLeastTwo.class,
            description = "Training images on which activations are measured (default: ${DEFAULT-VALUE}).")
    int analysisSamples;

    @Option(names = "--rank-images", paramLabel = "N", defaultValue = "500", description = "hrank: images whose feature-map ranks are averaged (default: ${DEFAULT-VALUE}).")
    int rankImages;

    @Option(names = "--round-to", paramLabel = "N", defaultValue = "0", description = "Round every group of the reference rule to a multiple of N channels (default: 0, none); baselines follow its widths.")
    int roundTo;

    @Option(names = "--no-figures", description = "Do not draw the per-group figures of each run.")
    boolean noFigures;

    @Mixin DataOptions data;
    @Mixin TrainOptions train;
    @Mixin RunOptions run;

    @Override
    public Integer call() {
        SweepConfig config = config();
        List<SweepPoint> points = config.points();
        PrintWriter w = spec.commandLine().getOut();
        if (list) {
            for (SweepPoint p : points) {
                w.println(command(p.index()) + "    # " + p.folder());
            }
            w.flush();
            return 0;
        }
        if (point != null && (point < 0 || point >= points.size())) {
            throw new InputException("--point " + point + " is not a point of this sweep (0 .. " + (points.size() - 1) + ")");
        }
        AtomicFiles.checkFolder(out);
        Sweep.settle(config, out);
        NetworkSpec net = ModelFolder.readSpec(modelDir);
        DataSplit split = PruneRun.load(config.data(), net);
        for (SweepPoint p : points) {
            if (point == null || point == p.index()) {
                Sweep.runPoint(config, p, split, out, !noFigures);
            }
        }
        List<SweepRow> rows = Sweep.collect(config, out);
        SweepFiles.write(out, config, rows);
        w.printf("%d of %d runs finished; results: %s, %s, %s%n", rows.size(), expected(config), out.resolve(SweepFiles.CSV),
                out.resolve(SweepFiles.JSON), out.resolve(SweepFiles.CHART));
        w.flush();
        return 0;
    }

    private SweepConfig config() {
        if (list && point != null) {
            throw new InputException("--list prints the points; give it without --point");
        }
        List<Criteria> base = new ArrayList<>();
        for (String b : baselines) {
            if (!b.equalsIgnoreCase("none")) {
                try {
                    base.add(Criteria.parse(b));
                } catch (IllegalArgumentException e) {
                    throw new InputException("--baselines: " + e.getMessage());
                }
            }
        }
        NetworkSpec net = ModelFolder.readSpec(modelDir);
        Optional<Provenance> made = TrainedWith.provenance(modelDir);
        DataConfig dc = TrainedWith.data(spec, data.config(), made);
        TrainedWith.checkChannels(net, dc);
        TrainConfig tc = TrainedWith.train(spec, train.config(), made).withEpochs(finetuneEpochs);
        RunContext ctx = TrainedWith.context(spec, run.context(), made);
        try {
            return new SweepConfig(modelDir.toAbsolutePath().normalize().toString(), dc, entropies, similarities, base, !noControl,
                    analysisSamples, rankImages, roundTo, tc, ctx);
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage());
        }
    }

    private static int expected(SweepConfig c) {
        return c.entropies().size() * c.similarities().size() * (1 + c.baselines().size()) + (c.control() ? 1 : 0);
    }

    /** This command line without --list, with --point K, quoted for a POSIX shell. */
    private String command(int k) {
        StringBuilder sb = new StringBuilder(System.getProperty("irprune.command", "irprune"));
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        for (String a : args) {
            if (!a.equals("--list")) {
                sb.append(' ').append(quote(a));
            }
        }
        return sb.append(" --point ").append(k).toString();
    }

    static String quote(String a) {
        return a.matches("[A-Za-z0-9_./=,:@%+-]+") ? a : "'" + a.replace("'", "'\\''") + "'";
    }
}
