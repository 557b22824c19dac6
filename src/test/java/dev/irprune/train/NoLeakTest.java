package dev.irprune.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.irprune.data.ImageSet;
import dev.irprune.io.Progress;
import dev.irprune.model.Network;
import dev.irprune.model.NetworkSpec;
import dev.irprune.model.Weights;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Training leaves no engine array behind: the network's manager holds as many arrays after each
 * epoch as after the first (an array left there lives, at the size of a tensor, until the network
 * is closed: WeightNorms' squares once held a copy of every parameter per epoch).
 */
@Tag("slow")
class NoLeakTest {
    @Test
    void epochsLeaveNoArrayInTheNetworksManager() {
        NetworkSpec spec = TrainingTest.SMALL;
        ImageSet images = random(spec, 96);
        try (NDManager m = NDManager.newBaseManager(); Network net = Network.create(spec, Weights.initial(spec, 1), m);
                Fitter fitter = new Fitter(net, TrainConfig.of(1, 32, 1e-3), 1)) {
            fitter.epoch(images, 1, Progress.silent("train", images.size()));
            int afterFirst = net.manager().getManagedArrays().size();
            long bytes = net.manager().getManagedArrays().stream().mapToLong(NDArray::size).sum();
            for (int e = 2; e <= 4; e++) {
                fitter.epoch(images, e, Progress.silent("train", images.size()));
                assertThat(net.manager().getManagedArrays()).as("after epoch " + e).hasSize(afterFirst);
                assertThat(net.manager().getManagedArrays().stream().mapToLong(NDArray::size).sum()).isEqualTo(bytes);
            }
        }
    }

    @Test
    void weightNormsLeaveNothingInTheParametersManager() {
        try (NDManager m = NDManager.newBaseManager()) {
            var params = AdamTest.parameters(m, 1);
            int before = m.getManagedArrays().size();
            WeightNorms n = WeightNorms.of(params);
            assertThat(n.sumsOfSquares()).hasSize(params.size());
            assertThat(m.getManagedArrays()).hasSize(before);
        }
    }

    static ImageSet random(NetworkSpec spec, int n) {
        Random r = new Random(5);
        byte[] px = new byte[n * spec.input().channels() * spec.input().height() * spec.input().width()];
        r.nextBytes(px);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(spec.classes());
        }
        return new ImageSet(px, labels, spec.input().channels(), spec.input().height(), spec.input().width());
    }
}
