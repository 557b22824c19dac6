package dev.irprune.report;

import dev.irprune.io.ChartPng;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The pictures of one group's decision, in {@code OUT/figures/}: {@code <group>-scores.png}, the
 * histogram of the channels' scores (entropies for the reference rule, with E as a vertical line)
 * stacked by fate (kept, removed by importance, removed by redundancy); and, where a redundancy
 * stage ran, {@code <group>-similarity.png}, the |correlation| heatmap of the channels that took
 * part, in an order that puts similar channels side by side, the colours turning from blues to reds
 * at S, the chosen pairs black and the diagonal blank. Groups of more than {@value #MAX_CELLS} such channels are shown
 * in blocks (each cell the largest value of its block).
 */
public final class Figures {
    public static final String FOLDER = "figures";
    static final int MAX_CELLS = 128;
    private static final Color KEPT = new Color(0x4C72B0);
    private static final Color IMPORTANCE = new Color(0xDD8452);
    private static final Color REDUNDANCY = new Color(0xC44E52);

    private Figures() {}

    /** Writes the group's figures (best effort is the caller's: a drawing failure throws). */
    public static void write(Path out, GroupFigure f) {
        Path dir = out.resolve(FOLDER);
        ChartPng.write(dir.resolve(f.group() + "-scores.png"), histogram(f));
        if (f.similarity() != null) {
            ChartPng.write(dir.resolve(f.group() + "-similarity.png"), heatmap(f));
        }
    }

    static XYChart histogram(GroupFigure f) {
        boolean seed = f.threshold() != null;
        String what = seed ? "entropy" : f.criterion() + " score";
        int removedFirst = f.count(1);
        int removedPairs = f.count(2);
        String title = String.format("%s: %d channels, %d kept, %d removed by %s%s%s", f.group(), f.scores().length,
                f.count(0), removedFirst, seed ? "importance" : f.criterion(),
                seed ? String.format(", %d by redundancy (E %s, S %s)", removedPairs, f.threshold(), f.similarityThreshold()) : "",
                "");
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle(what).yAxisTitle("channels").build();
        chart.getStyler().setDefaultSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.StepArea);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
        double min = Arrays.stream(f.scores()).min().orElse(0);
        double max = Arrays.stream(f.scores()).max().orElse(1);
        if (seed) {
            min = Math.min(min, f.threshold());
            max = Math.max(max, f.threshold());
        }
        if (max <= min) {
            max = min + 1;
        }
        int bins = Math.max(10, Math.min(60, f.scores().length / 4));
        double width = (max - min) / bins;
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            edges[i] = min + i * width;
        }
        int[][] counts = new int[3][bins + 1];
        for (int c = 0; c < f.scores().length; c++) {
            int b = (int) Math.min(bins - 1, Math.max(0, Math.floor((f.scores()[c] - min) / width)));
            counts[f.fate()[c]][b]++;
        }
        String[] names = {"kept", seed ? "removed: entropy < E" : "removed", "removed: redundant (|r| > S)"};
        Color[] colors = {KEPT, IMPORTANCE, REDUNDANCY};
        // stacked: each series is drawn as the sum of itself and those below it, the tallest first
        for (int s = 2; s >= 0; s--) {
            double[] y = new double[bins + 1];
            for (int b = 0; b <= bins; b++) {
                for (int k = 0; k <= s; k++) {
                    y[b] += counts[k][b];
                }
            }
            if (Arrays.stream(counts[s]).sum() == 0 && s > 0) {
                continue;
            }
            XYSeries series = chart.addSeries(names[s], edges, y);
            series.setFillColor(colors[s]);
            series.setLineColor(colors[s]);
            series.setMarker(SeriesMarkers.NONE);
        }
        chart.getStyler().setXAxisDecimalPattern("#0.00#");
        chart.getStyler().setYAxisDecimalPattern("#0");
        if (seed) {
            chart.addAnnotation(new AnnotationLine(f.threshold(), true, false));
            int top = 0;
            for (int b = 0; b <= bins; b++) {
                top = Math.max(top, counts[0][b] + counts[1][b] + counts[2][b]);
            }
            chart.addAnnotation(new org.knowm.xchart.AnnotationText(" E = " + f.threshold(), f.threshold() + (max - min) * 0.04,
                    top * 0.95, false));
        }
        return chart;
    }

    static HeatMapChart heatmap(GroupFigure f) {
        int c = f.scores().length;
        List<Integer> members = new ArrayList<>();
        for (int i = 0; i < c; i++) {
            if (f.fate()[i] != 1) {
                members.add(i);
            }
        }
        int[] order = Seriation.order(f.similarity(), members);
        int n = order.length;
        int block = (n + MAX_CELLS - 1) / MAX_CELLS;
        int cells = (n + block - 1) / block;
        boolean[][] chosen = new boolean[c][c];
        for (int[] p : f.pairs()) {
            chosen[p[0]][p[1]] = true;
            chosen[p[1]][p[0]] = true;
        }
        double mark = 1.05;
        double[][] value = new double[cells][cells];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int a = order[i];
                int b = order[j];
                double v = a == b ? 0 : chosen[a][b] ? mark : f.similarity().get(a, b);
                if (!Double.isNaN(v)) {
                    value[i / block][j / block] = Math.max(value[i / block][j / block], v);
                }
            }
        }
        List<Number[]> heat = new ArrayList<>();
        List<String> axis = new ArrayList<>();
        for (int i = 0; i < cells; i++) {
            axis.add(Integer.toString(order[i * block]));
            for (int j = 0; j < cells; j++) {
                heat.add(new Number[] {i, j, value[i][j]});
            }
        }
        String title = String.format("%s: |correlation| of %d channels%s; red above S = %s, black = the %d pairs chosen",
                f.group(), n, block > 1 ? " in blocks of " + block : "", f.similarityThreshold(), f.pairs().size());
        HeatMapChart chart = new org.knowm.xchart.HeatMapChartBuilder().width(900).height(850).title(title)
                .xAxisTitle("channel (ordered)").yAxisTitle("channel (ordered)").build();
        chart.getStyler().setMin(0).setMax(mark).setRangeColors(scale(f.similarityThreshold(), mark));
        chart.getStyler().setShowValue(false).setDrawBorder(false).setLegendVisible(true);
        chart.getStyler().setXAxisLabelRotation(90);
        chart.getStyler().setAxisTickLabelsFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, cells > 40 ? 6 : 10));
        chart.addSeries("|r|", axis, axis, heat);
        return chart;
    }

    /** 421 colour stops over [0, mark]: blues below S, reds from S to 1, black above 1 (the chosen pairs). */
    static Color[] scale(double s, double mark) {
        int stops = 421;
        Color[] out = new Color[stops];
        for (int k = 0; k < stops; k++) {
            double v = k * mark / (stops - 1);
            if (v > 1.0) {
                out[k] = Color.BLACK;
            } else if (v <= s) {
                float t = (float) (v / Math.max(s, 1e-9));
                out[k] = new Color(1 - 0.7f * t, 1 - 0.5f * t, 1 - 0.1f * t);
            } else {
                float t = (float) ((v - s) / Math.max(1 - s, 1e-9));
                out[k] = new Color(1f, 0.75f - 0.6f * t, 0.4f - 0.35f * t);
            }
        }
        return out;
    }
}
