package dev.irprune.bench;

import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.irprune.data.Batches;
import dev.irprune.data.ImageSet;
import dev.irprune.model.ConvSpec;
import dev.irprune.model.Costs;
import dev.irprune.model.Network;
import dev.irprune.model.NodeCost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a forward pass's time goes, convolution by convolution: {@code iters} inference passes of
 * one batch (all of {@code images}, as {@link Timed#infer} runs them) under libtorch's profiler
 * (DJL's {@code JniUtils.startProfile}), and each {@code aten::conv2d} call's duration (the engine's
 * reorders to and from its blocked layout included) matched to the network's convolutions in order.
 * One map per convolution: name, input N x C x H x W, filters, MACs per batch, median milliseconds
 * per batch, and the wall time of a whole pass (median) under the profiler.
 */
final class ConvProfile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConvProfile() {}

    static Map<String, Object> of(Network net, ImageSet images, int iters) {
        List<ConvSpec> convs = net.spec().nodes().stream().filter(n -> n instanceof ConvSpec).map(n -> (ConvSpec) n).toList();
        Map<String, Long> macs = new LinkedHashMap<>();
        for (NodeCost c : Costs.of(net.spec()).nodes()) {
            macs.put(c.name(), c.macs());
        }
        Batches batches = new Batches(images, net.spec().input(), images.size());
        Timed.pass(net, batches, images.size());
        double[] wall = new double[iters];
        Path trace;
        try {
            trace = Files.createTempFile("irprune-bench-profile", ".json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            JniUtils.startProfile(false, true, false);
            for (int i = 0; i < iters; i++) {
                long t = System.nanoTime();
                Timed.pass(net, batches, images.size());
                wall[i] = Timed.since(t) * 1e3;
            }
            JniUtils.stopProfile(trace.toString());
            JsonNode root = JSON.readTree(trace.toFile());
            JsonNode events = root.isArray() ? root : root.get("traceEvents");
            List<JsonNode> calls = new ArrayList<>();
            for (JsonNode e : events) {
                if ("X".equals(e.path("ph").asText()) && "aten::conv2d".equals(e.path("name").asText())) {
                    calls.add(e);
                }
            }
            calls.sort((x, y) -> Double.compare(x.get("ts").asDouble(), y.get("ts").asDouble()));
            if (calls.size() != iters * convs.size()) {
                throw new IllegalStateException("profile has " + calls.size() + " convolutions, expected " + iters + " x " + convs.size());
            }
            List<Map<String, Object>> layers = new ArrayList<>();
            for (int k = 0; k < convs.size(); k++) {
                double[] ms = new double[iters];
                for (int i = 0; i < iters; i++) {
                    ms[i] = calls.get(i * convs.size() + k).get("dur").asDouble() / 1e3;
                }
                JsonNode shape = calls.get(k).path("shape");
                Map<String, Object> layer = new LinkedHashMap<>();
                layer.put("name", convs.get(k).name());
                layer.put("input", JSON.convertValue(shape.get(0), long[].class));
                layer.put("filters", convs.get(k).filters());
                layer.put("macs", macs.get(convs.get(k).name()) * images.size());
                layer.put("ms", Timed.median(ms));
                layers.add(layer);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("layers", layers);
            out.put("passMs", Timed.median(wall));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(trace);
            } catch (IOException e) {
                // a temporary file left behind; nothing to do
            }
        }
    }
}
