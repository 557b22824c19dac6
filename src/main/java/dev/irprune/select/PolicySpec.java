package dev.irprune.select;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * Which {@link Policy} a run uses, as data (for reports and resumed runs): the reference
 * thresholds E and S, a keep ratio, or the widths another run kept (read from its report).
 */
public record PolicySpec(Kind kind, Double entropy, Double similarity, Double ratio, String widthsFrom,
        Map<String, Integer> widths) {
    /** The policies. */
    public enum Kind {
        @JsonProperty("thresholds") THRESHOLDS,
        @JsonProperty("ratio") RATIO,
        @JsonProperty("widths") WIDTHS
    }

    public PolicySpec {
        if (kind == null) {
            throw new IllegalArgumentException("the policy kind is required");
        }
        switch (kind) {
            case THRESHOLDS -> new Thresholds(require(entropy, "E"), require(similarity, "S"));
            case RATIO -> new KeepRatio(require(ratio, "the keep ratio"));
            case WIDTHS -> {
                if (widths == null || widths.isEmpty()) {
                    throw new IllegalArgumentException("matched widths need the widths of at least one group");
                }
                widths = Map.copyOf(widths);
            }
        }
    }

    public static PolicySpec thresholds(double e, double s) {
        return new PolicySpec(Kind.THRESHOLDS, e, s, null, null, null);
    }

    public static PolicySpec ratio(double r) {
        return new PolicySpec(Kind.RATIO, null, null, r, null, null);
    }

    public static PolicySpec widths(Map<String, Integer> widths, String from) {
        return new PolicySpec(Kind.WIDTHS, null, null, null, from, widths);
    }

    /** The policy itself. */
    public Policy policy() {
        return switch (kind) {
            case THRESHOLDS -> new Thresholds(entropy, similarity);
            case RATIO -> new KeepRatio(ratio);
            case WIDTHS -> new MatchedWidths(widths, widthsFrom == null ? "the given widths" : widthsFrom);
        };
    }

    /** In words, for logs and chart titles. */
    public String describe() {
        return switch (kind) {
            case THRESHOLDS -> "E " + entropy + ", S " + similarity;
            case RATIO -> "keep ratio " + ratio;
            case WIDTHS -> "widths of " + (widthsFrom == null ? "a plan" : widthsFrom);
        };
    }

    private static double require(Double v, String what) {
        if (v == null) {
            throw new IllegalArgumentException(what + " is required");
        }
        return v;
    }
}
