package dev.irprune.run;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDManager;
import dev.irprune.io.InputException;

/**
 * The one place where engine managers are created, on the run's device, after the engine's
 * thread count is set (it must be set before the engine starts: DJL reads the system property
 * {@code ai.djl.pytorch.num_threads} once).
 */
public final class Engines {
    private Engines() {}

    /**
     * A new base manager on the run's device.
     *
     * @throws InputException if the device is not available (e.g. gpu without a CUDA engine)
     */
    public static NDManager manager(RunContext ctx) {
        configure(ctx);
        Device device = device(ctx);
        if (device.isGpu() && Engine.getInstance().getGpuCount() <= device.getDeviceId()) {
            throw new InputException("device " + ctx.device() + " is not available: this engine sees "
                    + Engine.getInstance().getGpuCount() + " GPU(s); a GPU needs the CUDA build of the PyTorch native library "
                    + "(ai.djl.pytorch:pytorch-native-cu* instead of pytorch-native-cpu)");
        }
        return NDManager.newBaseManager(device);
    }

    /** Sets the engine's thread count from the context, if the engine has not started yet. */
    public static void configure(RunContext ctx) {
        if (ctx.threads() > 0 && System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(ctx.threads()));
        }
    }

    /** The engine's intra-op thread count (starts the engine). */
    public static int threads() {
        try {
            Engine.getInstance();
            return ai.djl.pytorch.jni.JniUtils.getNumThreads();
        } catch (EngineException e) {
            return -1;
        }
    }

    static Device device(RunContext ctx) {
        if (ctx.device().equals("cpu")) {
            return Device.cpu();
        }
        int id = ctx.device().contains(":") ? Integer.parseInt(ctx.device().substring(4)) : 0;
        return Device.gpu(id);
    }
}
