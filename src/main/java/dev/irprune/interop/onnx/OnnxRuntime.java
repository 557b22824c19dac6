package dev.irprune.interop.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.irprune.io.InputException;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * An ONNX model running in ONNX Runtime (its Java API), for checking exported files and evaluating
 * them outside IRPrune: one float input, the first output read back. A session runs on the CPU
 * with {@code threads} intra-op threads (0: ONNX Runtime's default).
 */
public final class OnnxRuntime implements AutoCloseable {
    private final OrtSession session;
    private final String input;

    private OnnxRuntime(OrtSession session) throws OrtException {
        this.session = session;
        this.input = session.getInputNames().iterator().next();
    }

    /**
     * @throws InputException (one line naming {@code where}) if ONNX Runtime refuses the model
     */
    public static OnnxRuntime open(byte[] model, int threads, String where) {
        try {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                if (threads > 0) {
                    options.setIntraOpNumThreads(threads);
                    options.setInterOpNumThreads(1);
                }
                return new OnnxRuntime(env.createSession(model, options));
            }
        } catch (OrtException e) {
            throw new InputException(where + ": ONNX Runtime cannot load it: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /** ONNX Runtime's version, e.g. 1.23.2. */
    public static String version() {
        return OrtEnvironment.getEnvironment().getVersion();
    }

    /**
     * The first output for an input of {@code shape} (row-major values), flat.
     *
     * @throws IllegalStateException if ONNX Runtime fails while running
     */
    public float[] run(float[] values, long... shape) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(values), shape);
                OrtSession.Result result = session.run(Map.of(input, x))) {
            FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[] f = new float[out.remaining()];
            out.get(f);
            return f;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}
