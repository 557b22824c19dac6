package dev.irprune.report;

import dev.irprune.io.ChartPng;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/** A PNG of what pruning did per channel group: the share of channels kept. */
public final class Charts {
    private Charts() {}

    public static void groups(Path file, List<GroupReport> layers, String title) {
        System.setProperty("java.awt.headless", "true");
        CategoryChart chart = new CategoryChartBuilder().width(1000).height(500).title(title)
                .xAxisTitle("channel group").yAxisTitle("channels kept (%)").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(100.0);
        chart.getStyler().setXAxisLabelRotation(45);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setDecimalPattern("#0");
        List<String> names = layers.stream().map(GroupReport::group).toList();
        List<Number> kept = layers.stream().map(l -> (Number) (100.0 * l.channelsAfter() / l.channelsBefore())).toList();
        chart.addSeries("kept", names, kept);
        ChartPng.write(file, chart);
    }
}
