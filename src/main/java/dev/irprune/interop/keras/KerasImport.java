package dev.irprune.interop.keras;

import dev.irprune.io.InputException;
import dev.irprune.model.BatchNormSpec;
import dev.irprune.model.ConvSpec;
import dev.irprune.model.DenseSpec;
import dev.irprune.model.ModelFolder;
import dev.irprune.model.NetworkSpec;
import dev.irprune.model.NodeSpec;
import dev.irprune.model.PartialVisitor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Keras file ({@link KerasFiles}) as an IRPrune network. The architecture is the file's own
 * config (a Keras 2 full-model {@code .h5}, a {@code .keras} archive: {@link KerasSequential})
 * unless one is given; a weights-only file needs one. Weights go onto it by order and shape
 * ({@link KerasWeightMapping}): Keras 2 files list their layers in model order and name their
 * variables; a Keras 3 {@code .weights.h5} names its layers by class and position, so the k-th
 * convolution of the architecture is read from {@code layers/conv2d_k} ({@code conv2d} for the
 * first), dense layers from {@code layers/dense_k}, batch normalisations from
 * {@code layers/batch_normalization_k}, as Keras 3 saves a Sequential model.
 */
public final class KerasImport {
    private KerasImport() {}

    /**
     * @param architecture the network the weights belong to, or null to use the file's own config
     * @param given whether {@code architecture} was chosen by the user (it then replaces the file's
     *     config); if not, it serves only for files without a config
     * @throws InputException (one line) if the file cannot be read, the architecture is missing or
     *     not supported, or a weight does not fit it
     */
    public static ModelFolder.Contents read(Path file, NetworkSpec architecture, boolean given) {
        KerasModel m = KerasFiles.read(file);
        String where = file.toString();
        NetworkSpec spec;
        if (m.config().isPresent() && !given) {
            spec = KerasSequential.toSpec(m.config().get(), where);
        } else if (architecture != null) {
            spec = architecture;
        } else {
            throw new InputException(where + ": a Keras weights file (" + m.layout() + ") holds no architecture: give it with "
                    + "--keras-config, --spec or --arch");
        }
        List<KerasWeightMapping.Layer> layers = m.layout() == KerasLayout.KERAS3_WEIGHTS ? byKeras3Path(m, spec, where) : inOrder(m);
        return KerasWeightMapping.onto(spec, layers, where);
    }

    /** The layers with weights in file order; Keras 2 names its variables, Keras 3 numbers them. */
    private static List<KerasWeightMapping.Layer> inOrder(KerasModel m) {
        boolean named = m.layout() == KerasLayout.KERAS2_MODEL || m.layout() == KerasLayout.KERAS2_WEIGHTS;
        List<KerasWeightMapping.Layer> out = new ArrayList<>();
        for (KerasLayer l : m.layers()) {
            if (!l.weights().isEmpty()) {
                out.add(new KerasWeightMapping.Layer(l.name(), l.weights().stream()
                        .map(w -> new KerasWeightMapping.Named(named ? w.name() : "", w.tensor())).toList()));
            }
        }
        return out;
    }

    /** The Keras 3 layers holding each weighted node's variables, found by the path Keras 3 gives them. */
    private static List<KerasWeightMapping.Layer> byKeras3Path(KerasModel m, NetworkSpec spec, String where) {
        Map<String, KerasLayer> byPath = new HashMap<>();
        m.layers().forEach(l -> byPath.put(l.path(), l));
        Map<String, Integer> used = new HashMap<>();
        List<KerasWeightMapping.Layer> out = new ArrayList<>();
        for (NodeSpec n : spec.nodes()) {
            Optional<String> cls = Optional.ofNullable(n.accept(new KerasClass()));
            if (cls.isEmpty()) {
                continue;
            }
            int k = used.merge(cls.get(), 1, Integer::sum) - 1;
            String path = "/layers/" + cls.get() + (k == 0 ? "" : "_" + k);
            KerasLayer l = byPath.get(path);
            if (l == null) {
                throw new InputException(where + ": no " + path + " for " + n.name() + " (a Keras 3 weights file names layers by "
                        + "class and position; is it the right architecture?)");
            }
            out.add(new KerasWeightMapping.Layer(path, l.weights().stream().map(w -> new KerasWeightMapping.Named("", w.tensor())).toList()));
        }
        long inFile = m.layers().stream().filter(l -> !l.weights().isEmpty()).count();
        if (inFile != out.size()) {
            throw new InputException(where + " holds " + inFile + " layers with weights, but the architecture has " + out.size()
                    + ": give the architecture it was saved from");
        }
        return out;
    }

    /** The snake-case Keras class name of a node with weights ({@code conv2d}, ...), or null. */
    private static final class KerasClass extends PartialVisitor<String> {
        @Override
        protected String otherwise(NodeSpec n) {
            return null;
        }

        @Override
        public String conv(ConvSpec c) {
            return "conv2d";
        }

        @Override
        public String dense(DenseSpec d) {
            return "dense";
        }

        @Override
        public String batchNorm(BatchNormSpec b) {
            return "batch_normalization";
        }
    }
}
