package dev.irprune.groups;

import java.util.List;

/**
 * A set of output channels that must be removed together: channel c of every producer (the
 * convolutions or dense layers that make the channels), of every batch normalisation on them, of
 * every node in between, and input channel (or the features) c of every consumer. In a VGG every
 * group is one layer; across a residual addition, all added branches' channels form one group.
 *
 * @param name the first producer's name (a VGG group is named after its layer)
 * @param kind convolution or dense channels
 * @param producers nodes whose filters or units are the channels, in network order
 * @param batchNorms batch normalisations with per-channel parameters of this group
 * @param consumers nodes that read the channels
 * @param members every node whose output carries the channels, in network order
 * @param evidence the node whose output is measured for the group (see {@link ChannelGroups})
 * @param prunable whether IRPrune may remove channels of this group
 * @param reason why not, when it is not prunable; null otherwise
 */
public record ChannelGroup(String name, Kind kind, int channels, List<String> producers, List<String> batchNorms,
        List<Consumer> consumers, List<String> members, String evidence, boolean prunable, String reason) {
    /** What makes the channels. */
    public enum Kind { CONV, DENSE, INPUT }

    public ChannelGroup {
        producers = List.copyOf(producers);
        batchNorms = List.copyOf(batchNorms);
        consumers = List.copyOf(consumers);
        members = List.copyOf(members);
        if (prunable == (reason != null)) {
            throw new IllegalArgumentException(name + ": a group that is not prunable needs a reason, and only it");
        }
    }

    /** Whether channels of several producers are coupled (by a residual addition). */
    public boolean coupled() {
        return producers.size() > 1;
    }
}
