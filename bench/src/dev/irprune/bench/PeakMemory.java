package dev.irprune.bench;

import ai.djl.ndarray.NDManager;
import dev.irprune.data.ImageSet;
import dev.irprune.model.Network;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak resident memory of one measured thing, each in its own fresh JVM: {@code VmHWM} from
 * {@code /proc/self/status} at the end, printed as one JSON line.
 *
 * <pre>
 * PeakMemory loaded WIDTH                  the engine and the network, nothing run (the floor)
 * PeakMemory train WIDTH STEPS BATCH       training steps through Fitter
 * PeakMemory capture WIDTH LAYER N         Capture.pooled of N images at LAYER
 * </pre>
 */
public final class PeakMemory {
    private PeakMemory() {}

    public static void main(String[] a) throws IOException {
        double seconds = 0;
        try (NDManager root = NDManager.newBaseManager(); Network net = build(Double.parseDouble(a[1]), root)) {
            switch (a[0]) {
                case "loaded" -> { }
                case "train" -> {
                    int steps = Integer.parseInt(a[2]);
                    int batch = Integer.parseInt(a[3]);
                    ImageSet images = Nets.randomImages(net.spec(), steps * batch, 1);
                    seconds = Timed.train(Timed.fitter(net, batch), images, 1);
                }
                case "capture" -> {
                    ImageSet images = Nets.randomImages(net.spec(), Integer.parseInt(a[3]), 1);
                    seconds = Timed.capture(net, images, a[2]);
                }
                default -> throw new IllegalArgumentException("unknown measurement " + a[0]);
            }
            System.out.println("{\"peakRssMb\": " + kb("VmHWM") / 1024.0 + ", \"rssMb\": " + kb("VmRSS") / 1024.0
                    + ", \"maxHeapMb\": " + Runtime.getRuntime().maxMemory() / 1048576 + ", \"seconds\": " + seconds + "}");
        }
    }

    /**
     * VGG16 at a width, built from weights made on the Java heap that nothing keeps afterwards, as
     * when irprune reads a model folder or starts training: they pass through the heap into the engine.
     */
    private static Network build(double width, NDManager root) {
        Nets.Model model = Nets.vgg16(width);
        return Network.create(model.spec(), model.weights(), root);
    }

    private static long kb(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException(field + " not in /proc/self/status");
    }
}
