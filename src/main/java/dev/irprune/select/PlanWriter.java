package dev.irprune.select;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes plans with Jackson's streaming generator, which starts in a fraction of the time a
 * data-binding mapper needs (this matters to a command that runs once). The output is the same,
 * byte for byte, as the mapper's indented output of the records; a test holds it to that.
 */
final class PlanWriter {
    private static final JsonFactory FACTORY = new JsonFactory();

    private PlanWriter() {}

    static String write(LayerPlan plan) {
        return write(g -> layer(g, plan));
    }

    static String write(PruningPlan plan) {
        return write(g -> {
            g.writeStartObject();
            g.writeNumberField("entropyThreshold", plan.entropyThreshold());
            g.writeNumberField("similarityThreshold", plan.similarityThreshold());
            g.writeArrayFieldStart("layers");
            for (LayerPlan layer : plan.layers()) {
                layer(g, layer);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static String write(Body body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out).useDefaultPrettyPrinter()) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append('\n').toString();
    }

    private static void layer(JsonGenerator g, LayerPlan p) throws IOException {
        g.writeStartObject();
        g.writeStringField("layer", p.layer());
        g.writeStringField("mode", p.mode().label());
        g.writeNumberField("entropyThreshold", p.entropyThreshold());
        g.writeNumberField("similarityThreshold", p.similarityThreshold());
        g.writeBooleanField("redundancy", p.redundancy());
        g.writeFieldName("budget");
        if (p.budget() == null) {
            g.writeNull();
        } else {
            g.writeNumber(p.budget());
        }
        g.writeNumberField("rows", p.rows());
        g.writeNumberField("channels", p.channels());
        nullableInt(g, "similarityRows", p.similarityRows());
        g.writeArrayFieldStart("entropy");
        for (double e : p.entropy()) {
            g.writeNumber(e);
        }
        g.writeEndArray();
        ints(g, "prunedByEntropy", p.prunedByEntropy());
        ints(g, "prunedByRedundancy", p.prunedByRedundancy());
        g.writeArrayFieldStart("pairs");
        for (RedundantPair pair : p.pairs()) {
            g.writeStartObject();
            g.writeNumberField("pruned", pair.pruned());
            g.writeNumberField("kept", pair.kept());
            g.writeNumberField("similarity", pair.similarity());
            g.writeEndObject();
        }
        g.writeEndArray();
        nullableInt(g, "rescued", p.rescued());
        ints(g, "kept", p.kept());
        g.writeEndObject();
    }

    private static void nullableInt(JsonGenerator g, String name, Integer value) throws IOException {
        g.writeFieldName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeNumber(value);
        }
    }

    private static void ints(JsonGenerator g, String name, List<Integer> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (int v : values) {
            g.writeNumber(v);
        }
        g.writeEndArray();
    }
}
