package dev.irprune.report;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import dev.irprune.score.Correlation;
import dev.irprune.score.SimilarityMatrix;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class FiguresTest {
    @TempDir Path dir;

    static SimilarityMatrix similarities(int n, int channels) {
        SplittableRandom r = new SplittableRandom(1);
        double[][] a = new double[n][channels];
        for (double[] row : a) {
            for (int c = 0; c < channels; c++) {
                row[c] = r.nextGaussian() + (c % 3 == 0 ? row[0] : 0);
            }
        }
        return Correlation.absolutePearson(a, n);
    }

    @Test
    void histogramAndHeatmapAreDrawnWithTheirLabels() throws Exception {
        int c = 12;
        double[] entropy = new double[c];
        int[] fate = new int[c];
        for (int i = 0; i < c; i++) {
            entropy[i] = 0.1 * i;
            fate[i] = i < 3 ? 1 : (i == 6 || i == 9) ? 2 : 0;
        }
        GroupFigure f = new GroupFigure("conv2_2", "seed", entropy, fate, similarities(50, c),
                List.of(new int[] {6, 3}, new int[] {9, 0}), 0.3, 0.8);
        Figures.write(dir, f);
        BufferedImage hist = ImageIO.read(dir.resolve("figures/conv2_2-scores.png").toFile());
        BufferedImage heat = ImageIO.read(dir.resolve("figures/conv2_2-similarity.png").toFile());
        assertThat(hist.getWidth()).isEqualTo(900);
        assertThat(heat.getWidth()).isEqualTo(900);
        assertThat(Figures.histogram(f).getTitle()).contains("conv2_2").contains("12 channels").contains("7 kept")
                .contains("3 removed by importance").contains("2 by redundancy").contains("E 0.3, S 0.8");
        assertThat(Figures.heatmap(f).getTitle()).contains("9 channels").contains("S = 0.8").contains("2 pairs");
    }

    @Test
    void largeGroupsAreShownInBlocksAndOtherCriteriaGetAHistogramOnly() throws Exception {
        int c = 300;
        double[] scores = new double[c];
        int[] fate = new int[c];
        for (int i = 0; i < c; i++) {
            scores[i] = Math.sin(i);
            fate[i] = i % 4 == 0 ? 1 : 0;
        }
        GroupFigure big = new GroupFigure("fc1", "seed", scores, fate, similarities(400, c), List.of(), 0.3, 0.9);
        assertThat(Figures.heatmap(big).getTitle()).contains("in blocks of 2");
        GroupFigure l1 = new GroupFigure("conv1", "l1", scores, fate, null, null, null, null);
        Figures.write(dir, l1);
        assertThat(dir.resolve("figures/conv1-scores.png")).exists();
        assertThat(dir.resolve("figures/conv1-similarity.png")).doesNotExist();
        assertThat(Figures.histogram(l1).getTitle()).contains("75 removed by l1");
    }

    @Test
    void theColourScaleTurnsRedAtSAndBlackAboveOne() {
        java.awt.Color[] s = Figures.scale(0.8, 1.05);
        assertThat(s[0]).isEqualTo(new java.awt.Color(1f, 1f, 1f));
        assertThat(s[320].getRed()).isLessThan(255); // 0.8 * 420 / 1.05 = stop 320: still blue
        assertThat(s[321].getRed()).isEqualTo(255);
        assertThat(s[401]).isEqualTo(java.awt.Color.BLACK);
        assertThat(s[399].getRed()).isEqualTo(255);
    }
}
