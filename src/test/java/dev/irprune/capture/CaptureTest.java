package dev.irprune.capture;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import dev.irprune.data.Batches;
import dev.irprune.data.DataConfig;
import dev.irprune.data.DatasetName;
import dev.irprune.data.Datasets;
import dev.irprune.data.ImageSet;
import dev.irprune.io.Progress;
import dev.irprune.model.InputSpec;
import dev.irprune.model.Network;
import dev.irprune.model.NetworkSpec;
import dev.irprune.model.Vgg;
import dev.irprune.model.Weights;
import org.junit.jupiter.api.Test;

/** Capture: an N x C matrix in image order, the float64 mean of each full feature map, whatever the batch size. */
@Tag("slow")
class CaptureTest {
    @Test
    void pooledActivationsAreTheMeansOfTheFullMapsInImageOrderForAnyBatchSize() {
        ImageSet images = Datasets.load(new DataConfig(DatasetName.DEMO, null, 37, 1)).train();
        NetworkSpec spec = Vgg.build(new Vgg.Options(Vgg.Arch.VGG11, 0.125, 64, true, 0, 10), new InputSpec(1, 32, 32, 0.28, 0.35));
        try (NDManager m = NDManager.newBaseManager(); Network net = Network.create(spec, Weights.initial(spec, 5), m)) {
            double[][] pooled = Capture.pooled(net, images, "conv2_1_relu", Progress.silent("c", 37));
            assertThat(pooled.length).isEqualTo(37);
            assertThat(pooled[0]).hasSize(16);
            // reference: the whole maps of each image alone, averaged in double precision
            Batches batches = new Batches(images, spec.input(), 1);
            double worst = 0;
            for (int i = 0; i < 37; i++) {
                try (NDManager b = m.newSubManager()) {
                    float[] maps = net.forwardTo(batches.images(b, null, i, i + 1), "conv2_1_relu").toFloatArray();
                    int pixels = maps.length / 16;
                    for (int c = 0; c < 16; c++) {
                        double sum = 0;
                        for (int p = 0; p < pixels; p++) {
                            sum += maps[c * pixels + p];
                        }
                        double mean = sum / pixels;
                        worst = Math.max(worst, Math.abs(pooled[i][c] - mean) / Math.max(1e-3, Math.abs(mean)));
                    }
                }
            }
            assertThat(worst).isLessThan(1e-6);
            // The engine's convolution kernels may round differently for other batch sizes (in the last bits);
            // IRPrune always captures in batches of Capture.BATCH, so its results are reproducible.
            double worstBatch = 0;
            for (int batch : new int[] {1, 7, 250}) {
                double[][] again = Capture.run(net, images, "conv2_1_relu", true, 0, batch, Progress.silent("c", 37)).pooled();
                for (int i = 0; i < 37; i++) {
                    for (int c = 0; c < 16; c++) {
                        worstBatch = Math.max(worstBatch, Math.abs(again[i][c] - pooled[i][c]) / Math.max(1e-3, Math.abs(pooled[i][c])));
                    }
                }
            }
            assertThat(worstBatch).isLessThan(1e-6);
            double[][] same = Capture.run(net, images, "conv2_1_relu", true, 0, Capture.BATCH, Progress.silent("c", 37)).pooled();
            for (int i = 0; i < 37; i++) {
                assertThat(same[i]).containsExactly(pooled[i]);
            }
            double[][] dense = Capture.pooled(net, images, "fc1", Progress.silent("c", 37));
            assertThat(dense[3]).hasSize(8);
        }
    }

    @Test
    void meanMapRanksAreTakenOverTheFirstImagesOnly() {
        ImageSet images = Datasets.load(new DataConfig(DatasetName.DEMO, null, 20, 1)).train();
        NetworkSpec spec = Vgg.build(new Vgg.Options(Vgg.Arch.VGG11, 0.125, 64, false, 0, 10), new InputSpec(1, 32, 32, 0.28, 0.35));
        try (NDManager m = NDManager.newBaseManager(); Network net = Network.create(spec, Weights.initial(spec, 5), m)) {
            Capture.Result r = Capture.run(net, images, "conv1_1_relu", false, 5, 3, Progress.silent("c", 20));
            assertThat(r.pooled()).isNull();
            assertThat(r.meanRank()).hasSize(8);
            assertThat(java.util.Arrays.stream(r.meanRank()).allMatch(x -> x >= 0 && x <= 32)).isTrue();
            Capture.Result all = Capture.run(net, images.head(5), "conv1_1_relu", false, 100, 250, Progress.silent("c", 5));
            assertThat(all.meanRank()).containsExactly(r.meanRank());
            // A dense unit is a 1 x 1 map: its mean rank is the share of the images that make it non-zero.
            double[] units = Capture.run(net, images, "fc1", false, 20, 7, Progress.silent("c", 20)).meanRank();
            double[][] values = Capture.pooled(net, images, "fc1", Progress.silent("c", 20));
            assertThat(units).hasSize(values[0].length);
            for (int j = 0; j < units.length; j++) {
                int active = 0;
                for (double[] row : values) {
                    active += row[j] != 0 ? 1 : 0;
                }
                assertThat(units[j]).as("unit " + j).isEqualTo(active / 20.0);
            }
        }
    }
}
