package dev.irprune.interop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Python, {@code /usr/bin/python3}, which has python3-onnx and python3-torch where they are
 * installed (the python3 on PATH may be another one without them). Tests that need a module call
 * {@link #assumeModules} and are skipped, with the reason, when it is missing.
 */
public final class DebianPython {
    public static final String PYTHON = "/usr/bin/python3";

    private DebianPython() {}

    /** Exit code (-1 if Python could not start) and merged stdout/stderr. */
    public record Result(int code, String output) {}

    public static Result run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(PYTHON);
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return new Result(-2, out + " (timed out)");
        }
        return new Result(p.exitValue(), out);
    }

    /** Skips the test unless {@code /usr/bin/python3 -c "import MODULES"} succeeds. */
    public static void assumeModules(String modules) throws IOException, InterruptedException {
        Result r = run("-c", "import " + modules);
        assumeTrue(r.code() == 0, PYTHON + " cannot import " + modules + ": test skipped (" + r.output().strip() + ")");
    }
}
