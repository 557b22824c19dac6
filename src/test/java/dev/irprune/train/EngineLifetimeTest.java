package dev.irprune.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import dev.irprune.data.DataConfig;
import dev.irprune.data.DataSplit;
import dev.irprune.data.DatasetName;
import dev.irprune.data.Datasets;
import dev.irprune.io.Progress;
import dev.irprune.model.Network;
import dev.irprune.model.Tensor;
import dev.irprune.model.Weights;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every array the engine still needs stays alive until it is done with it. DJL arrays made from
 * Java values (scalars such as {@code x.mul(0.1)} among them) wrap a direct buffer that the garbage
 * collector frees once the Java array is closed, even if the engine's autograd graph still points
 * at it; a collection between forward and backward then changes the gradients. This runs the same
 * training steps with and without forced collections at that point and requires identical weights.
 */
@Tag("slow")
class EngineLifetimeTest {
    @Test
    void aGarbageCollectionBetweenForwardAndBackwardChangesNothing() {
        DataSplit data = Datasets.load(new DataConfig(DatasetName.DEMO, null, 384, 10));
        TrainConfig config = TrainConfig.of(1, 128, 1e-3);
        Map<String, Tensor> quiet = train(data, config, false);
        Map<String, Tensor> collected = train(data, config, true);
        assertThat(collected.keySet()).isEqualTo(quiet.keySet());
        for (String name : quiet.keySet()) {
            assertThat(collected.get(name).data()).as(name).containsExactly(quiet.get(name).data());
        }
    }

    private static Map<String, Tensor> train(DataSplit data, TrainConfig config, boolean collect) {
        var spec = TrainingTest.SMALL;
        try (NDManager m = NDManager.newBaseManager(); Network net = Network.create(spec, Weights.initial(spec, 3), m);
                Fitter fitter = new Fitter(net, config, 11)) {
            if (collect) {
                fitter.beforeBackward = EngineLifetimeTest::collectGarbage;
            }
            fitter.epoch(data.train(), 1, Progress.silent("train", 384));
            return net.weights();
        }
    }

    /** Runs the collector and gives the reference handler time to free unreachable direct buffers. */
    static void collectGarbage() {
        for (int i = 0; i < 2; i++) {
            System.gc();
            try {
                Thread.sleep(15);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
