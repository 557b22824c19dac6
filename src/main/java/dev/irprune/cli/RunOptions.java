package dev.irprune.cli;

import dev.irprune.io.InputException;
import dev.irprune.run.RunContext;
import picocli.CommandLine.Option;

/** Where and how a command computes: device, engine threads and seed (one {@link RunContext}). */
final class RunOptions {
    @Option(names = "--device", paramLabel = "cpu|gpu[:N]", defaultValue = "cpu",
            description = "Where the engine computes (default: ${DEFAULT-VALUE}); a GPU needs the CUDA build of the PyTorch native library on the class path (see the README).")
    String device;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Engine threads for each operation (default: 0 = one per core). The same seed on the same machine with the same thread count gives the same bytes.")
    int threads;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", converter = Ranges.Seed.class,
            description = "Seed of initial weights, shuffling, dropout and random choices (default: ${DEFAULT-VALUE}).")
    long seed;

    RunContext context() {
        try {
            return new RunContext(device, threads, seed);
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage());
        }
    }
}
