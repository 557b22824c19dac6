package dev.irprune.select;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Plans to JSON and back, indented, one field per record component. Doubles are written so that
 * they read back exactly.
 */
public final class PlanJson {
    private PlanJson() {}

    /** The data-binding mapper, created on first read only: it is slow to start. */
    private static final class Mapper {
        static final ObjectMapper INSTANCE = new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public static String write(LayerPlan plan) {
        return PlanWriter.write(plan);
    }

    public static String write(PruningPlan plan) {
        return PlanWriter.write(plan);
    }

    public static LayerPlan readLayer(String json) {
        return fromJson(json, LayerPlan.class);
    }

    public static PruningPlan readPlan(String json) {
        return fromJson(json, PruningPlan.class);
    }

    /** The mapper's own indented output of a plan record (what {@link #write} must equal). */
    static String writeWithMapper(Object plan) {
        try {
            return Mapper.INSTANCE.writeValueAsString(plan) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a plan as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static <T> T fromJson(String json, Class<T> type) {
        try {
            return Mapper.INSTANCE.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
