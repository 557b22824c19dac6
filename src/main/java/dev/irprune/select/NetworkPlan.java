package dev.irprune.select;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The decisions for a whole network, group by group in network order, and how they were made. */
public record NetworkPlan(PruningConfig config, List<GroupPlan> groups) {
    public NetworkPlan {
        groups = List.copyOf(groups);
        if (groups.stream().map(GroupPlan::group).distinct().count() != groups.size()) {
            throw new IllegalArgumentException("a plan names each group once");
        }
    }

    /** Channels kept per group, in order: what matched widths reproduce. */
    public Map<String, Integer> widths() {
        Map<String, Integer> out = new LinkedHashMap<>();
        groups.forEach(g -> out.put(g.group(), g.kept().size()));
        return out;
    }
}
