package dev.irprune.study;

import dev.irprune.data.DataConfig;
import dev.irprune.run.RunContext;
import dev.irprune.select.Criteria;
import dev.irprune.train.TrainConfig;
import java.util.List;

/**
 * A sweep: one trained model pruned at every (E, S) of a grid by the reference rule, each point
 * also by baseline criteria at the rule's widths (matched architecture: the same channels per
 * group, hence the same MACs and parameters), and optionally the control: the unpruned network
 * fine-tuned exactly as a pruning run fine-tunes (after each group), which shows what the extra
 * training alone gives.
 *
 * @param model the trained model folder (absolute)
 * @param finetune fine-tuning after each group, as in {@code prune}
 */
public record SweepConfig(String model, DataConfig data, List<Double> entropies, List<Double> similarities,
        List<Criteria> baselines, boolean control, int analysisSamples, int rankImages, int roundTo, TrainConfig finetune,
        RunContext context) {
    public SweepConfig {
        entropies = List.copyOf(entropies);
        similarities = List.copyOf(similarities);
        baselines = List.copyOf(baselines);
        if (entropies.isEmpty() || similarities.isEmpty()) {
            throw new IllegalArgumentException("a sweep needs at least one entropy threshold and one similarity threshold");
        }
        if (baselines.contains(Criteria.SEED)) {
            throw new IllegalArgumentException("seed is the swept rule itself, not a baseline");
        }
        if (entropies.stream().distinct().count() != entropies.size() || similarities.stream().distinct().count() != similarities.size()) {
            throw new IllegalArgumentException("each threshold may appear once in a sweep's grid");
        }
    }

    /** The jobs: every (E, S) of the grid (E outer, S inner), then the control if asked for. */
    public List<SweepPoint> points() {
        List<SweepPoint> out = new java.util.ArrayList<>();
        for (double e : entropies) {
            for (double s : similarities) {
                out.add(SweepPoint.grid(out.size(), e, s));
            }
        }
        if (control) {
            out.add(SweepPoint.control(out.size()));
        }
        return out;
    }
}
