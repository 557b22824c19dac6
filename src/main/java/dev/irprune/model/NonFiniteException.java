package dev.irprune.model;

import ai.djl.ndarray.NDArray;

/**
 * A network produced a non-finite value (NaN or infinity) where a number was needed: its outputs
 * or a captured activation. The message names what and where (layer, image range). It is a
 * failure while running (exit 1), not bad input: the weights themselves are finite.
 */
public final class NonFiniteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NonFiniteException(String message) {
        super(message);
    }

    /**
     * Fails if {@code values} holds a NaN or infinity; {@code what} says what they are, e.g.
     * "the outputs for test images 0..249".
     */
    public static void check(NDArray values, String what) {
        float largest = values.abs().max().getFloat();
        if (!Float.isFinite(largest)) {
            throw new NonFiniteException(what + " are non-finite (" + largest + "): the network's weights are too large "
                    + "or training diverged");
        }
    }
}
