package dev.irprune.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine a run computed on, for provenance: operating system, CPU model, architecture,
 * cores and the engine's intra-op thread count.
 */
public record Machine(String os, String cpu, String arch, int cores, int engineThreads) {
    /** This machine, now (starts the engine to ask its thread count). */
    public static Machine current() {
        return new Machine(System.getProperty("os.name") + " " + System.getProperty("os.version"), cpuModel(),
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(), Engines.threads());
    }

    /** The CPU model as /proc/cpuinfo names it, or "unknown". */
    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | SecurityException e) {
            // not Linux: fall through
        }
        return "unknown";
    }
}
