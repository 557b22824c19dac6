package dev.irprune.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** An XChart chart written as a PNG file, whole or not at all ({@link AtomicFiles}). */
public final class ChartPng {
    private ChartPng() {}

    /**
     * Draws {@code chart} at its own size and writes it to {@code file}.
     *
     * @throws UncheckedIOException if the chart cannot be drawn or the file written
     */
    public static void write(Path file, Chart<?, ?> chart) {
        byte[] png;
        try {
            png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw " + file + ": " + e.getMessage(), e);
        }
        AtomicFiles.write(file, o -> o.write(png));
    }
}
