package dev.irprune.study;

import dev.irprune.io.ChartPng;
import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code pareto.png}: test accuracy after fine-tuning against the MAC reduction (unpruned / pruned
 * MACs), one series per criterion, the control (fine-tuning alone) and the unpruned model as
 * horizontal lines, and the Pareto front of all pruned networks (none both smaller and more
 * accurate) as a dashed line.
 */
final class ParetoChart {
    private ParetoChart() {}

    static void write(Path file, List<SweepRow> rows) {
        ChartPng.write(file, chart(rows));
    }

    static XYChart chart(List<SweepRow> rows) {
        XYChart chart = new XYChartBuilder().width(1000).height(650)
                .title("Test accuracy against MAC reduction, fine-tuned (matched architecture for the baselines)")
                .xAxisTitle("MAC reduction (unpruned / pruned MACs)").yAxisTitle("test accuracy").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(9);
        chart.getStyler().setXAxisDecimalPattern("#0.00");
        chart.getStyler().setYAxisDecimalPattern("#0.000");
        Map<String, List<SweepRow>> byCriterion = new LinkedHashMap<>();
        double maxX = 1;
        for (SweepRow r : rows) {
            if (!r.criterion().equals(SweepPoint.CONTROL)) {
                byCriterion.computeIfAbsent(r.criterion(), k -> new ArrayList<>()).add(r);
                maxX = Math.max(maxX, r.macRatio());
            }
        }
        for (Map.Entry<String, List<SweepRow>> e : byCriterion.entrySet()) {
            chart.addSeries(e.getKey(), e.getValue().stream().mapToDouble(SweepRow::macRatio).toArray(),
                    e.getValue().stream().mapToDouble(SweepRow::accuracyAfter).toArray());
        }
        List<SweepRow> front = front(rows);
        if (!front.isEmpty()) {
            XYSeries f = chart.addSeries("Pareto front", front.stream().mapToDouble(SweepRow::macRatio).toArray(),
                    front.stream().mapToDouble(SweepRow::accuracyAfter).toArray());
            f.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            f.setMarker(SeriesMarkers.CIRCLE);
            f.setMarkerColor(new Color(0, 0, 0, 0));
            f.setLineColor(Color.DARK_GRAY);
            f.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        }
        double right = Math.max(1.01, maxX);
        rows.stream().filter(r -> r.criterion().equals(SweepPoint.CONTROL)).findFirst()
                .ifPresent(c -> line(chart, "control: fine-tuning alone", c.accuracyAfter(), 1, right, Color.GRAY));
        rows.stream().findFirst().ifPresent(r -> line(chart, "unpruned model", r.accuracyBefore(), 1, right, Color.LIGHT_GRAY));
        return chart;
    }

    private static void line(XYChart chart, String name, double y, double x0, double x1, Color color) {
        XYSeries s = chart.addSeries(name, new double[] {x0, x1}, new double[] {y, y});
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
    }

    /** The pruned networks no other beats on both MAC reduction and accuracy, by MAC reduction. */
    static List<SweepRow> front(List<SweepRow> rows) {
        List<SweepRow> pruned = rows.stream().filter(r -> !r.criterion().equals(SweepPoint.CONTROL)).toList();
        List<SweepRow> out = new ArrayList<>();
        for (SweepRow r : pruned) {
            boolean dominated = pruned.stream().anyMatch(o -> o != r && o.macRatio() >= r.macRatio()
                    && o.accuracyAfter() >= r.accuracyAfter() && (o.macRatio() > r.macRatio() || o.accuracyAfter() > r.accuracyAfter()));
            if (!dominated) {
                out.add(r);
            }
        }
        out.sort(Comparator.comparingDouble(SweepRow::macRatio));
        return out;
    }
}
