package dev.irprune.interop.onnx;

import dev.irprune.io.InputException;
import dev.irprune.model.InputSpec;
import dev.irprune.model.OutputSpec;
import dev.irprune.model.Preprocess;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What IRPrune records in the {@code metadata_props} of the ONNX files it writes, and reads back
 * on import. The graph takes the network's input as IRPrune's forward pass does (N x C x H x W
 * float32, already preprocessed): preprocessing is recorded here, not folded into the graph.
 * Keys: {@code irprune.preprocess} ({@code standardize}, {@code scale255} or {@code none}),
 * {@code irprune.mean} and {@code irprune.std} (of the standardisation, as Java doubles),
 * {@code irprune.input} (the recipe in words), {@code irprune.output} ({@code softmax} or
 * {@code logits}: the graph outputs logits either way), {@code irprune.arch},
 * {@code irprune.batch_norm}, and {@code irprune.dataset} when the model's data set is known.
 */
public final class OnnxMetadata {
    public static final String PREPROCESS = "irprune.preprocess";
    public static final String MEAN = "irprune.mean";
    public static final String STD = "irprune.std";
    public static final String INPUT = "irprune.input";
    public static final String OUTPUT = "irprune.output";
    public static final String ARCH = "irprune.arch";
    public static final String BATCH_NORM = "irprune.batch_norm";
    public static final String DATASET = "irprune.dataset";

    private OnnxMetadata() {}

    /** The entries for a network with this input and output. */
    static Map<String, String> of(String arch, InputSpec input, OutputSpec.Kind output) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(PREPROCESS, input.preprocess().cliName());
        m.put(MEAN, Double.toString(input.mean()));
        m.put(STD, Double.toString(input.std()));
        m.put(INPUT, "N x " + input.channels() + " x " + input.height() + " x " + input.width() + " float32; pixel byte v (0-255) -> "
                + switch (input.preprocess()) {
                    case STANDARDIZE -> "(v / 255 - mean) / (std + 1e-7)";
                    case SCALE255 -> "v / 255";
                    case NONE -> "v";
                });
        m.put(OUTPUT, output.name().toLowerCase(Locale.ROOT));
        m.put(ARCH, arch);
        m.put(BATCH_NORM, "folded into the preceding convolutions (inference)");
        return m;
    }

    /** The value of {@code key}, if the model has it. */
    public static Optional<String> get(OnnxGraph g, String key) {
        return g.metadata().stream().filter(e -> e.key().equals(key)).map(OnnxGraph.Metadata::value).findFirst();
    }

    /**
     * The input of a model of this shape: preprocessing as recorded, else {@code scale255}.
     *
     * @throws InputException if the recorded values are not valid
     */
    public static InputSpec input(OnnxGraph g, int channels, int height, int width, String where) {
        try {
            Preprocess p = get(g, PREPROCESS).map(Preprocess::parse).orElse(Preprocess.SCALE255);
            double mean = get(g, MEAN).map(Double::parseDouble).orElse(0.0);
            double std = get(g, STD).map(Double::parseDouble).orElse(1.0);
            return new InputSpec(channels, height, width, p, p == Preprocess.STANDARDIZE ? mean : 0, p == Preprocess.STANDARDIZE ? std : 1);
        } catch (IllegalArgumentException e) {
            throw new InputException(where + ": invalid IRPrune metadata: " + e.getMessage());
        }
    }
}
