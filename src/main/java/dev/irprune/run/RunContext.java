package dev.irprune.run;

import java.util.Locale;

/**
 * Where and how a run computes: the device ({@code cpu}, or {@code gpu} / {@code gpu:N} with a CUDA
 * build of the engine on the class path), the engine's intra-op thread count (0: the engine's
 * default, one per core) and the seed of every random draw. Same seed, same machine, same thread
 * count: the same bytes.
 */
public record RunContext(String device, int threads, long seed) {
    public RunContext {
        if (device == null || !device.toLowerCase(Locale.ROOT).matches("cpu|gpu(:\\d{1,3})?")) {
            throw new IllegalArgumentException("device must be cpu, gpu or gpu:N, got " + device);
        }
        device = device.toLowerCase(Locale.ROOT);
        if (threads < 0 || threads > 4096) {
            throw new IllegalArgumentException("threads must be 0 (the engine's default) to 4096, got " + threads);
        }
    }

    /** The CPU with the engine's default threads. */
    public static RunContext cpu(long seed) {
        return new RunContext("cpu", 0, seed);
    }

    public RunContext withSeed(long s) {
        return new RunContext(device, threads, s);
    }
}
