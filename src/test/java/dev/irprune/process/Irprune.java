package dev.irprune.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code irprune} as a real process (a new JVM on the test class path), as a user's shell
 * would: for what only a process shows (garbage collection with a small heap, signals, kill -9).
 */
public final class Irprune {
    /** A finished run: exit code, standard output and standard error. */
    public record Result(int exit, String out, String err) {}

    private Irprune() {}

    /** Starts {@code irprune args} in {@code workDir} with the given JVM options; output goes to files there. */
    public static Process start(Path workDir, List<String> jvmOptions, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-Dai.djl.offline=true");
        cmd.add("-XX:ErrorFile=" + System.getProperty("java.io.tmpdir") + File.separator + "irprune-hs_err_%p.log");
        cmd.add("-cp");
        cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        cmd.add("dev.irprune.cli.Main");
        cmd.addAll(List.of(args));
        try {
            Files.createDirectories(workDir);
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile())
                    .redirectOutput(workDir.resolve("stdout.txt").toFile())
                    .redirectError(workDir.resolve("stderr.txt").toFile());
            pb.environment().remove("CI");
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code irprune args} in {@code workDir} to the end (at most {@code timeoutSeconds}). */
    public static Result run(Path workDir, List<String> jvmOptions, long timeoutSeconds, String... args) {
        Process p = start(workDir, jvmOptions, args);
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("irprune " + String.join(" ", args) + " took over " + timeoutSeconds + " s");
            }
            return new Result(p.exitValue(), read(workDir.resolve("stdout.txt")), read(workDir.resolve("stderr.txt")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
