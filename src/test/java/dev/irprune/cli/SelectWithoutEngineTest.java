package dev.irprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code irprune select} must not start, nor even load, the deep-learning engine. The command runs
 * in a class loader of its own over the whole test class path (DJL included), which records every
 * class any of its classes asks for; no {@code ai.djl} class may be among them.
 */
@Tag("fast")
class SelectWithoutEngineTest {

    /** Loads everything itself (parent: the platform loader) and records each class requested. */
    static final class RecordingLoader extends URLClassLoader {
        final Set<String> requested = ConcurrentHashMap.newKeySet();

        RecordingLoader(URL[] urls) {
            super("recording", urls, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            requested.add(name);
            return super.loadClass(name, resolve);
        }
    }

    /** The test class path (a manifest-only jar's Class-Path entries are followed by the loader). */
    static URL[] classPath() throws MalformedURLException {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : path.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return urls.toArray(URL[]::new);
    }

    @Test
    void selectRunsWithoutLoadingAnyDjlClass(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("a.csv"), "1,2,0.5\n2,4.1,0.2\n3,6,0.9\n4,8.2,0.1\n");
        try (RecordingLoader loader = new RecordingLoader(classPath())) {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit;
            try {
                Class<?> main = loader.loadClass("dev.irprune.cli.Main");
                assertThat(main.getClassLoader()).isSameAs(loader);
                Object cli = main.getMethod("commandLine").invoke(null);
                cli.getClass().getMethod("setOut", PrintWriter.class).invoke(cli, new PrintWriter(out));
                cli.getClass().getMethod("setErr", PrintWriter.class).invoke(cli, new PrintWriter(err));
                String[] args = {"select", "--activations", csv.toString(), "--mode", "conv", "--entropy", "0",
                    "--similarity", "0.9", "--budget", "1"};
                exit = (int) cli.getClass().getMethod("execute", String[].class).invoke(cli, (Object) args);
            } finally {
                thread.setContextClassLoader(previous);
            }
            assertThat(err.toString()).isEmpty();
            assertThat(exit).isZero();
            assertThat(out.toString()).contains("\"prunedByRedundancy\" : [ 0 ]");
            // the recorder saw the whole path: command, CSV reader, metrics, rules, JSON
            assertThat(loader.requested).contains("dev.irprune.cli.SelectCommand", "dev.irprune.io.CsvMatrix",
                    "dev.irprune.score.Correlation", "dev.irprune.select.RedundancyRules",
                    "com.fasterxml.jackson.core.JsonGenerator");
            assertThat(loader.requested).noneMatch(name -> name.startsWith("ai.djl"));
        }
    }

    @Test
    void theEngineIsOnThatClassPathSoAReferenceWouldLoadIt() throws Exception {
        try (RecordingLoader loader = new RecordingLoader(classPath())) {
            Class<?> engine = loader.loadClass("ai.djl.engine.Engine");
            assertThat(engine.getClassLoader()).isSameAs(loader);
            assertThat(loader.requested).anyMatch(name -> name.startsWith("ai.djl"));
        }
    }
}
