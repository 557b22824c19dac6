package dev.irprune.groups;

import dev.irprune.model.ActivationSpec;
import dev.irprune.model.AddSpec;
import dev.irprune.model.BatchNormSpec;
import dev.irprune.model.ConvSpec;
import dev.irprune.model.DenseSpec;
import dev.irprune.model.DropoutSpec;
import dev.irprune.model.FlattenSpec;
import dev.irprune.model.GlobalPoolSpec;
import dev.irprune.model.NetworkSpec;
import dev.irprune.model.NodeRole;
import dev.irprune.model.NodeSpec;
import dev.irprune.model.OutputSpec;
import dev.irprune.model.PadChannelsSpec;
import dev.irprune.model.PoolSpec;
import dev.irprune.model.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dependency analysis: a pure function from a network spec to its channel groups, in the
 * spirit of Torch-Pruning's DependencyGraph (Fang et al. 2023, "DepGraph"). Each convolution or
 * dense node makes a space of channels; batch normalisation, activations, pooling and dropout
 * carry it on; a flatten carries it into the features of the dense node that reads it; an
 * addition joins its inputs' spaces into one (the coupled channels of a residual stage).
 *
 * <p>A group is not prunable when it holds the network's input, when its channels are the
 * classes (read by the output), when a zero-padded shortcut (ResNet option A) shifts it into a
 * wider space, or when batch normalisation or an addition acts on its flattened features. So
 * with option A a residual stage's channels stay and only each block's inner convolution is
 * prunable, as in the published ResNet-56 pruning work; with option B a stage is one coupled,
 * prunable group.
 *
 * <p>The evidence of a group (where its activations are measured) is the output of its last
 * member in network order that is a producer, a batch normalisation, an activation or an
 * addition: for a VGG convolution its ReLU, for a dense layer its own (activated) output, for a
 * coupled residual stage the ReLU after the stage's last addition, which is what the next stage
 * reads.
 */
public final class ChannelGroups {
    private ChannelGroups() {}

    /** Every group of the network, prunable or not, in the order of its first member. */
    public static List<ChannelGroup> of(NetworkSpec spec) {
        return new Analysis(spec).run();
    }

    /** The prunable groups, in network order. */
    public static List<ChannelGroup> prunable(NetworkSpec spec) {
        return of(spec).stream().filter(ChannelGroup::prunable).toList();
    }

    /** The group named {@code name} (its first producer's name). */
    public static ChannelGroup named(NetworkSpec spec, String name) {
        return of(spec).stream().filter(g -> g.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no channel group named " + name));
    }

    /** Where a node's output sits: a space of channels, possibly flattened into features. */
    private record Value(int space, int pixels, FlattenSpec.Layout flattened) {
        boolean flat() {
            return flattened != null;
        }
    }

    private static final class Analysis implements NodeSpec.Visitor<Value> {
        private final NetworkSpec spec;
        private final Map<String, Shape> shapes;
        private final List<Integer> parent = new ArrayList<>();
        private final List<String> origin = new ArrayList<>();
        private final List<Integer> channels = new ArrayList<>();
        private final Map<Integer, String> blocked = new HashMap<>();
        private final Map<Integer, List<String>> batchNorms = new HashMap<>();
        private final Map<Integer, List<Consumer>> consumers = new HashMap<>();
        private final Map<String, Value> values = new LinkedHashMap<>();
        private Value in;

        Analysis(NetworkSpec spec) {
            this.spec = spec;
            this.shapes = spec.shapes();
        }

        List<ChannelGroup> run() {
            int input = space(NetworkSpec.INPUT, spec.input().channels());
            values.put(NetworkSpec.INPUT, new Value(input, 1, null));
            block(input, "it is the network's input");
            for (NodeSpec n : spec.nodes()) {
                in = values.get(n.inputs().get(0));
                values.put(n.name(), n.accept(this));
            }
            return collect();
        }

        private List<ChannelGroup> collect() {
            Map<Integer, List<String>> members = new LinkedHashMap<>();
            for (Map.Entry<String, Value> e : values.entrySet()) {
                if (!e.getValue().flat()) {
                    members.computeIfAbsent(find(e.getValue().space()), k -> new ArrayList<>()).add(e.getKey());
                }
            }
            List<ChannelGroup> out = new ArrayList<>();
            for (Map.Entry<Integer, List<String>> e : members.entrySet()) {
                int root = e.getKey();
                List<String> producers = new ArrayList<>();
                List<String> bns = new ArrayList<>();
                List<Consumer> reads = new ArrayList<>();
                String why = null;
                for (int s = 0; s < parent.size(); s++) {
                    if (find(s) != root) {
                        continue;
                    }
                    if (origin.get(s) != null) {
                        producers.add(origin.get(s));
                    }
                    bns.addAll(batchNorms.getOrDefault(s, List.of()));
                    reads.addAll(consumers.getOrDefault(s, List.of()));
                    if (why == null) {
                        why = blocked.get(s);
                    }
                }
                List<String> nodes = e.getValue().stream().filter(n -> !n.equals(NetworkSpec.INPUT)).toList();
                producers.sort((a, b) -> Integer.compare(spec.indexOf(a), spec.indexOf(b)));
                bns.sort((a, b) -> Integer.compare(spec.indexOf(a), spec.indexOf(b)));
                reads.sort((a, b) -> Integer.compare(spec.indexOf(a.node()), spec.indexOf(b.node())));
                boolean isInput = e.getValue().contains(NetworkSpec.INPUT);
                ChannelGroup.Kind kind = isInput ? ChannelGroup.Kind.INPUT
                        : producers.isEmpty() || spec.node(producers.get(0)) instanceof ConvSpec ? ChannelGroup.Kind.CONV
                        : ChannelGroup.Kind.DENSE;
                String name = isInput ? NetworkSpec.INPUT : producers.isEmpty() ? nodes.get(0) : producers.get(0);
                if (why == null && producers.isEmpty()) {
                    why = "no convolution or dense layer makes its channels";
                }
                out.add(new ChannelGroup(name, kind, channels.get(root), producers, bns, reads, nodes, evidence(nodes),
                        why == null, why));
            }
            return out;
        }

        /** The last member that makes or transforms the channels themselves (not pooling, dropout, flatten). */
        private String evidence(List<String> nodes) {
            String last = null;
            for (String n : nodes) {
                NodeRole role = NodeRole.of(spec.node(n));
                if (role == NodeRole.PRODUCER || role == NodeRole.PER_CHANNEL || role == NodeRole.JOIN) {
                    last = n;
                }
            }
            return last;
        }

        private int space(String producer, int c) {
            parent.add(parent.size());
            origin.add(NetworkSpec.INPUT.equals(producer) ? null : producer);
            channels.add(c);
            return parent.size() - 1;
        }

        private int find(int s) {
            while (parent.get(s) != s) {
                parent.set(s, parent.get(parent.get(s)));
                s = parent.get(s);
            }
            return s;
        }

        private void union(int a, int b) {
            int ra = find(a);
            int rb = find(b);
            if (ra != rb) {
                parent.set(Math.max(ra, rb), Math.min(ra, rb));
                String why = blocked.get(Math.max(ra, rb));
                if (why != null) {
                    blocked.putIfAbsent(Math.min(ra, rb), why);
                }
            }
        }

        private void block(int s, String why) {
            blocked.putIfAbsent(find(s), why);
        }

        @Override
        public Value conv(ConvSpec c) {
            consumers.computeIfAbsent(in.space(), k -> new ArrayList<>()).add(Consumer.conv(c.name()));
            return new Value(space(c.name(), c.filters()), 1, null);
        }

        @Override
        public Value batchNorm(BatchNormSpec b) {
            if (in.flat()) {
                block(in.space(), "batch normalisation " + b.name() + " acts on its flattened features");
            } else {
                batchNorms.computeIfAbsent(in.space(), k -> new ArrayList<>()).add(b.name());
            }
            return in;
        }

        @Override
        public Value activation(ActivationSpec a) {
            return in;
        }

        @Override
        public Value pool(PoolSpec p) {
            return in;
        }

        @Override
        public Value globalPool(GlobalPoolSpec g) {
            return in;
        }

        @Override
        public Value flatten(FlattenSpec f) {
            Shape s = shapes.get(f.input());
            if (s.rank() == 1 || in.flat()) {
                return in;
            }
            return new Value(in.space(), s.dim(1) * s.dim(2), f.layout());
        }

        @Override
        public Value dense(DenseSpec d) {
            consumers.computeIfAbsent(in.space(), k -> new ArrayList<>())
                    .add(new Consumer(d.name(), in.pixels(), in.flattened()));
            return new Value(space(d.name(), d.units()), 1, null);
        }

        @Override
        public Value dropout(DropoutSpec d) {
            return in;
        }

        @Override
        public Value add(AddSpec a) {
            for (String input : a.inputs()) {
                Value v = values.get(input);
                if (v.flat()) {
                    block(v.space(), "addition " + a.name() + " acts on its flattened features");
                }
                union(in.space(), v.space());
            }
            return in;
        }

        @Override
        public Value padChannels(PadChannelsSpec p) {
            block(in.space(), "the zero-padded shortcut " + p.name() + " (option A) shifts its channels into a wider stage");
            int wider = space(null, shapes.get(p.name()).dim(0));
            origin.set(wider, null);
            block(wider, "its channels include the zeros of the padded shortcut " + p.name() + " (option A)");
            return new Value(wider, 1, null);
        }

        @Override
        public Value output(OutputSpec o) {
            block(in.space(), "its channels are the classes (read by the output " + o.name() + ")");
            return in;
        }
    }
}
