package dev.irprune.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.irprune.data.ImageSet;
import dev.irprune.interop.onnx.OnnxExport;
import dev.irprune.interop.onnx.OnnxRuntime;
import dev.irprune.io.CsvMatrix;
import dev.irprune.model.BatchNormFolding;
import dev.irprune.model.Costs;
import dev.irprune.model.ModelFolder;
import dev.irprune.model.Network;
import dev.irprune.run.Versions;
import dev.irprune.select.LayerPlan;
import dev.irprune.select.SeedSelector;
import dev.irprune.select.SelectionConfig;
import dev.irprune.train.Fitter;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The IRPrune side of the side-by-side runs: a long-lived process that keeps its networks warm and
 * runs one timed command per line of standard input, answering with one line of JSON on standard
 * output (logs go to standard error). The harness alternates its commands with the PyTorch peer's.
 *
 * <pre>
 * info
 * load KEY vgg16 WIDTH | load KEY folder DIR | load KEY keep BASE FRACTION
 * train KEY STEPS BATCH        infer KEY BATCH ITERS        matmul N
 * capture KEY LAYER N          forwardto KEY LAYER N        evaluate KEY N
 * select CSV conv|dense E S [BUDGET]                        free KEY        quit
 * onnx KEY BATCH ITERS         (the network exported by IRPrune, run in ONNX Runtime's Java API)
 * layers KEY BATCH ITERS       (each convolution's time in the engine's profiler, see ConvProfile)
 * </pre>
 */
public final class Worker {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A loaded network with what its timed commands reuse. */
    private record Loaded(Nets.Model model, Network net, Map<String, Object> cache) {}

    private final NDManager root = NDManager.newBaseManager();
    private final Map<String, Loaded> nets = new HashMap<>();
    private final Map<String, double[][]> matrices = new HashMap<>();

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        Worker w = new Worker();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String[] a = line.trim().split("\\s+");
            if (a[0].equals("quit")) {
                break;
            }
            Map<String, Object> reply;
            try {
                reply = w.run(a);
            } catch (RuntimeException e) {
                e.printStackTrace();
                reply = Map.of("error", String.valueOf(e));
            }
            out.println(JSON.writeValueAsString(reply));
        }
    }

    private Map<String, Object> run(String[] a) {
        Map<String, Object> r = new LinkedHashMap<>();
        switch (a[0]) {
            case "info" -> {
                Versions v = Versions.current();
                r.put("irprune", v.irprune());
                r.put("djl", v.djl());
                r.put("libtorch", Engine.getInstance().getVersion());
                r.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
                r.put("threads", JniUtils.getNumThreads());
                r.put("interopThreads", JniUtils.getNumInteropThreads());
            }
            case "load" -> {
                Nets.Model m = switch (a[2]) {
                    case "vgg16" -> Nets.vgg16(Double.parseDouble(a[3]));
                    case "folder" -> Nets.folder(Path.of(a[3]));
                    case "keep" -> Nets.keepUniform(nets.get(a[3]).model(), Double.parseDouble(a[4]));
                    default -> throw new IllegalArgumentException("unknown network source " + a[2]);
                };
                free(a[1]);
                nets.put(a[1], new Loaded(m, Network.create(m.spec(), m.weights(), root), new HashMap<>()));
                Costs c = Costs.of(m.spec());
                r.put("spec", m.spec());
                r.put("macs", c.totalMacs());
                r.put("convMacs", c.convMacs());
                r.put("params", c.params());
                r.put("widths", m.widths());
            }
            case "free" -> free(a[1]);
            case "train" -> {
                Loaded l = nets.get(a[1]);
                int steps = Integer.parseInt(a[2]);
                int batch = Integer.parseInt(a[3]);
                Fitter f = (Fitter) l.cache().computeIfAbsent("fitter" + batch, k -> Timed.fitter(l.net(), batch));
                ImageSet images = images(l, steps * batch);
                int epoch = (Integer) l.cache().merge("epoch", 1, (x, y) -> (Integer) x + 1);
                r.put("seconds", Timed.train(f, images, epoch));
                r.put("images", images.size());
            }
            case "infer" -> {
                Loaded l = nets.get(a[1]);
                int batch = Integer.parseInt(a[2]);
                int iters = Integer.parseInt(a[3]);
                r.putAll(Timed.passes(Timed.infer(deployed(l), images(l, batch), iters)));
                r.put("images", batch * iters);
            }
            case "onnx" -> {
                Loaded l = nets.get(a[1]);
                int batch = Integer.parseInt(a[2]);
                int iters = Integer.parseInt(a[3]);
                OnnxRuntime ort = (OnnxRuntime) l.cache().computeIfAbsent("onnxRuntime", k -> OnnxRuntime.open(
                        OnnxExport.of(l.model().spec(), l.model().weights(), OnnxExport.MAX_OPSET, Map.of()).toBytes(),
                        JniUtils.getNumThreads(), a[1]));
                r.putAll(Timed.passes(Timed.onnxRuntime(ort, l.model().spec(), images(l, batch), iters)));
                r.put("images", batch * iters);
            }
            case "capture", "forwardto" -> {
                Loaded l = nets.get(a[1]);
                ImageSet images = images(l, Integer.parseInt(a[3]));
                r.put("seconds", a[0].equals("capture") ? Timed.capture(l.net(), images, a[2]) : Timed.forwardTo(l.net(), images, a[2]));
                r.put("images", images.size());
            }
            case "evaluate" -> {
                Loaded l = nets.get(a[1]);
                ImageSet images = images(l, Integer.parseInt(a[2]));
                r.put("seconds", Timed.evaluate(l.net(), images));
                r.put("images", images.size());
            }
            case "matmul" -> r.put("seconds", Timed.matmul(root, Integer.parseInt(a[1])));
            case "layers" -> {
                Loaded l = nets.get(a[1]);
                int batch = Integer.parseInt(a[2]);
                r.put("convs", ConvProfile.of(deployed(l), images(l, batch), Integer.parseInt(a[3])));
            }
            case "select" -> select(a, r);
            default -> throw new IllegalArgumentException("unknown command " + a[0]);
        }
        return r;
    }

    /** {@link SeedSelector#select} on a CSV matrix read once (the read is timed apart, once). */
    private void select(String[] a, Map<String, Object> r) {
        double[][] m = matrices.get(a[1]);
        if (m == null) {
            long t = System.nanoTime();
            m = CsvMatrix.read(Path.of(a[1]));
            r.put("readSeconds", Timed.since(t));
            matrices.clear();
            matrices.put(a[1], m);
        }
        double e = Double.parseDouble(a[3]);
        double s = Double.parseDouble(a[4]);
        SelectionConfig config = a[2].equals("conv")
                ? SelectionConfig.conv(e, s, Double.parseDouble(a[5]))
                : SelectionConfig.dense(e, s);
        long t = System.nanoTime();
        LayerPlan plan = SeedSelector.select("bench", m, config);
        r.put("seconds", Timed.since(t));
        r.put("prunedByEntropy", plan.prunedByEntropy());
        r.put("prunedByRedundancy", plan.prunedByRedundancy());
    }

    /**
     * The network as {@code irprune eval} and the ONNX export run it: batch normalisation folded into
     * the convolutions before it ({@link BatchNormFolding}). Made once, on first use; a network
     * without batch normalisation is its own.
     */
    private Network deployed(Loaded l) {
        return (Network) l.cache().computeIfAbsent("deployed", k -> {
            ModelFolder.Contents f = BatchNormFolding.fold(l.model().spec(), l.model().weights());
            return f.spec().nodes().size() == l.model().spec().nodes().size() ? l.net()
                    : Network.create(f.spec(), f.weights(), root);
        });
    }

    private ImageSet images(Loaded l, int n) {
        return (ImageSet) l.cache().computeIfAbsent("images" + n, k -> Nets.randomImages(l.model().spec(), n, n));
    }

    private void free(String key) {
        Loaded old = nets.remove(key);
        if (old != null) {
            if (old.cache().get("deployed") instanceof Network d && d != old.net()) {
                d.close();
            }
            old.net().close();
            if (old.cache().get("onnxRuntime") instanceof OnnxRuntime ort) {
                ort.close();
            }
        }
    }
}
