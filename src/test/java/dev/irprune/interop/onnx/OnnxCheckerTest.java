package dev.irprune.interop.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.irprune.interop.DebianPython;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ONNX project's own checker (Debian's python3-onnx under /usr/bin/python3, not the python3 on
 * PATH) accepts what the builder writes, with full_check (shape inference in strict mode). Skipped
 * when /usr/bin/python3 has no onnx.
 */
@Tag("slow")
class OnnxCheckerTest {
    @TempDir
    Path tmp;

    @Test
    void onnxCheckerAcceptsTheBuildersModel() throws Exception {
        DebianPython.assumeModules("onnx");
        Path file = tmp.resolve("tiny.onnx");
        TinyCnn.builder().write(file);
        DebianPython.Result r = DebianPython.run("-c", "import sys, onnx\n"
                + "m = onnx.load(sys.argv[1])\n"
                + "onnx.checker.check_model(m, full_check=True)\n"
                + "print(m.ir_version, m.opset_import[0].version, m.producer_name, len(m.graph.node), m.metadata_props[0].value)\n",
                file.toString());
        assertThat(r.code()).as(r.output()).isZero();
        assertThat(r.output().strip()).isEqualTo("8 13 IRPrune 5 interop test");
    }
}
