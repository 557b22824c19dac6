package dev.irprune.pipeline;

import dev.irprune.capture.Capture;
import dev.irprune.data.ImageSet;
import dev.irprune.groups.ChannelGroup;
import dev.irprune.io.Progress;
import dev.irprune.model.Network;
import dev.irprune.model.NetworkSpec;
import dev.irprune.model.Tensor;
import dev.irprune.select.Evidence;
import dev.irprune.select.EvidenceKind;
import dev.irprune.select.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Extracts, for one channel group, the evidence a criterion declares it needs: activations and
 * feature-map ranks at the group's evidence node (one capture pass over the analysis images), the
 * producers' kernels and the batch-norm scales (copied out of the engine).
 */
final class EvidenceExtractor {
    private EvidenceExtractor() {}

    static Evidence extract(Network net, ChannelGroup group, Set<EvidenceKind> needs, ImageSet analysis, int rankImages,
            long seed, Progress progress) {
        boolean pooled = needs.contains(EvidenceKind.ACTIVATIONS);
        int ranks = needs.contains(EvidenceKind.MAP_RANK) ? rankImages : 0;
        Capture.Result captured = pooled || ranks > 0
                ? Capture.run(net, analysis, group.evidence(), pooled, ranks, Capture.BATCH, progress)
                : new Capture.Result(null, null);
        List<Tensor> kernels = null;
        List<float[]> scales = null;
        if (needs.contains(EvidenceKind.KERNELS) || needs.contains(EvidenceKind.BN_SCALES)) {
            Map<String, Tensor> w = net.weights();
            kernels = new ArrayList<>();
            for (String p : group.producers()) {
                kernels.add(w.get(p + ".weight"));
            }
            scales = new ArrayList<>();
            for (String bn : group.batchNorms()) {
                scales.add(w.get(bn + ".gamma").data());
            }
        }
        NetworkSpec spec = net.spec();
        Mode mode = group.kind() == ChannelGroup.Kind.DENSE ? Mode.DENSE : Mode.CONV;
        return new Evidence(group.name(), mode, spec.width(group.producers().get(0)), captured.pooled(), captured.meanRank(),
                kernels, scales, seed);
    }
}
