package dev.irprune;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark harness (bench/src, compiled by bench/run with javac, outside Maven) must compile
 * against the code as it is: an API change that breaks it fails here, not on the next benchmark
 * run. {@code .ci/run} also compiles it against the packaged build and runs {@code bench/run --smoke}.
 */
@Tag("fast")
class BenchHarnessTest {
    static final Path SOURCES = Path.of("bench", "src");

    @Test
    void theHarnessCompilesAgainstTheCurrentClasses(@TempDir Path out) throws IOException {
        List<File> sources;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).map(Path::toFile).toList();
        }
        assertThat(sources).extracting(File::getName).contains("Worker.java", "PeakMemory.java", "Timed.java", "Nets.java");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        StringWriter log = new StringWriter();
        boolean ok;
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
            ok = javac.getTask(log, files, diagnostics, List.of("-d", out.toString(), "-cp", classPath, "--release", "17"), null,
                    files.getJavaFileObjectsFromFiles(sources)).call();
        }
        assertThat(diagnostics.getDiagnostics()).as("javac: %s", log)
                .noneMatch(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR);
        assertThat(ok).isTrue();
        assertThat(out.resolve("dev/irprune/bench/Worker.class")).exists();
        assertThat(out.resolve("dev/irprune/bench/PeakMemory.class")).exists();
    }
}
