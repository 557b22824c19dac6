package dev.irprune.interop.keras;

/** Which of Keras' file layouts a file uses. */
public enum KerasLayout {
    /** Keras 2 {@code model.save("x.h5")}: root {@code model_config}, weights under {@code model_weights/}. */
    KERAS2_MODEL,
    /** Keras 2 {@code model.save_weights("x.h5")}: root {@code layer_names}, one group per layer. */
    KERAS2_WEIGHTS,
    /** Keras 3 {@code model.save_weights("x.weights.h5")}: {@code layers/<path>/vars/<i>}. */
    KERAS3_WEIGHTS,
    /** Keras 3 {@code model.save("x.keras")}: a zip of config.json, metadata.json and model.weights.h5. */
    KERAS3_ARCHIVE
}
