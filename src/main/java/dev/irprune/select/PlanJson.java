package dev.irprune.select;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Plans to JSON and back. Doubles are written so that they read back exactly. */
public final class PlanJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private PlanJson() {}

    public static String write(LayerPlan plan) {
        return toJson(plan);
    }

    public static String write(PruningPlan plan) {
        return toJson(plan);
    }

    public static LayerPlan readLayer(String json) {
        return fromJson(json, LayerPlan.class);
    }

    public static PruningPlan readPlan(String json) {
        return fromJson(json, PruningPlan.class);
    }

    private static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a plan as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static <T> T fromJson(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
