package dev.irprune.interop.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ONNX project's own checker (Debian's python3-onnx under /usr/bin/python3, not the python3 on
 * PATH) accepts what the builder writes, with full_check (shape inference in strict mode). Skipped
 * when /usr/bin/python3 has no onnx.
 */
class OnnxCheckerTest {
    static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path tmp;

    /** Exit code and output of {@code /usr/bin/python3 -c code args...}. */
    static Result python(String code, String... args) throws Exception {
        String[] cmd = new String[3 + args.length];
        cmd[0] = PYTHON;
        cmd[1] = "-c";
        cmd[2] = code;
        System.arraycopy(args, 0, cmd, 3, args.length);
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            return new Result(-1, e.getMessage());
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return new Result(-2, out + " (timed out)");
        }
        return new Result(p.exitValue(), out);
    }

    record Result(int code, String output) {}

    static void assumePythonHas(String modules) throws Exception {
        Result r = python("import " + modules);
        assumeTrue(r.code() == 0, PYTHON + " cannot import " + modules + ": test skipped (" + r.output().strip() + ")");
    }

    @Test
    void onnxCheckerAcceptsTheBuildersModel() throws Exception {
        assumePythonHas("onnx");
        Path file = tmp.resolve("tiny.onnx");
        TinyCnn.builder().write(file);
        Result r = python("import sys, onnx\n"
                + "m = onnx.load(sys.argv[1])\n"
                + "onnx.checker.check_model(m, full_check=True)\n"
                + "print(m.ir_version, m.opset_import[0].version, m.producer_name, len(m.graph.node), m.metadata_props[0].value)\n",
                file.toString());
        assertThat(r.code()).as(r.output()).isZero();
        assertThat(r.output().strip()).isEqualTo("8 13 IRPrune 5 interop test");
    }
}
