package dev.irprune.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class-data-sharing archive: made on first use, used by later runs (classes come
 * from the shared archive), made again when the jar is rebuilt or was made for another project or
 * Java, and never a reason for a warning or a failure. The launcher runs on a project folder made
 * here: its script, a jar of the compiled classes and the libraries of the test class path.
 */
@Tag("slow")
class LauncherTest {
    private static final String[] SELECT = {"select", "--mode", "conv", "--entropy", "0", "--similarity", "0.9", "--budget", "1"};

    @Test
    void theArchiveIsMadeUsedAndRemadeWhenTheJarChanges(@TempDir Path tmp) throws Exception {
        Path project = project(tmp.resolve("project"));
        Path jar = project.resolve("target/irprune.jar");
        Path archive = project.resolve("target/irprune.jsa");
        Path csv = Files.writeString(tmp.resolve("a.csv"), "1,2,0.5\n2,4.1,0.2\n3,6,0.9\n4,8.2,0.1\n");

        Run first = launch(project, tmp, "", select(csv, tmp.resolve("first.json")));
        assertThat(first.err()).isEmpty();
        assertThat(first.exit()).isZero();
        assertThat(Files.readString(tmp.resolve("first.json"))).contains("\"prunedByRedundancy\" : [ 0 ]");
        assertThat(archive).isNotEmptyFile();
        assertThat(Files.readString(project.resolve("target/irprune.jsa.for")).trim()).startsWith(jar + " ").endsWith("/java");

        FileTime made = Files.getLastModifiedTime(archive);
        Path log = tmp.resolve("classes.log");
        Run second = launch(project, tmp, "-Xlog:class+load:file=" + log, select(csv, tmp.resolve("second.json")));
        assertThat(second.err()).isEmpty();
        assertThat(Files.readString(tmp.resolve("second.json"))).isEqualTo(Files.readString(tmp.resolve("first.json")));
        assertThat(Files.getLastModifiedTime(archive)).isEqualTo(made);
        // picocli's classes (Java 5 class files) too: a static archive can hold them, a dynamic one cannot
        assertThat(Files.readString(log)).contains("dev.irprune.cli.SelectCommand source: shared objects file",
                "dev.irprune.select.SeedSelector source: shared objects file", "picocli.CommandLine source: shared objects file");

        // a rebuilt jar: the archive is made again, and used
        writeJar(jar, "rebuilt");
        FileTime rebuilt = FileTime.from(made.toInstant().plusMillis(1));
        Files.setLastModifiedTime(jar, rebuilt);
        Run third = launch(project, tmp, "-Xlog:class+load:file=" + log, select(csv, tmp.resolve("third.json")));
        assertThat(third.err()).isEmpty();
        assertThat(Files.getLastModifiedTime(archive)).isGreaterThan(rebuilt);
        assertThat(Files.readString(log)).contains("dev.irprune.cli.SelectCommand source: shared objects file");

        // an archive made for another project folder or Java is made again
        Files.writeString(project.resolve("target/irprune.jsa.for"), "/elsewhere/irprune.jar /other/java\n");
        assertThat(launch(project, tmp, "", "--version").exit()).isZero();
        assertThat(Files.readString(project.resolve("target/irprune.jsa.for")).trim()).startsWith(jar + " ");
    }

    @Test
    void everyRunGetsTheJvmOptionsFileAndUserOptionsComeAfterIt(@TempDir Path tmp) throws Exception {
        Path project = project(tmp.resolve("project"));
        Run run = launch(project, tmp, "-XX:+PrintFlagsFinal -XX:G1PeriodicGCInterval=2000", "--version");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).containsPattern("InitialHeapSize += 67108864 .*command line")
                .containsPattern("G1PeriodicGCInterval += 2000 .*command line").contains("irprune 0.1.0");
    }

    @Test
    void anArchiveThatDoesNotFitTheJvmOptionsIsIgnoredSilently(@TempDir Path tmp) throws Exception {
        Path project = project(tmp.resolve("project"));
        Path csv = Files.writeString(tmp.resolve("a.csv"), "1,2,0.5\n2,4.1,0.2\n3,6,0.9\n4,8.2,0.1\n");
        assertThat(launch(project, tmp, "", "--version").exit()).isZero();
        Path log = tmp.resolve("classes.log");
        // without compressed pointers (as with a heap of 32 GB or more) the archive cannot be mapped
        Run other = launch(project, tmp, "-XX:-UseCompressedOops -Xlog:class+load:file=" + log, select(csv, tmp.resolve("o.json")));
        assertThat(other.err()).isEmpty();
        assertThat(other.exit()).isZero();
        assertThat(Files.readString(tmp.resolve("o.json"))).contains("\"prunedByRedundancy\" : [ 0 ]");
        assertThat(Files.readString(log)).doesNotContain("dev.irprune.cli.SelectCommand source: shared objects file");
    }

    @Test
    void anArchiveThatCannotBeMadeIsDroppedNotRetriedOnEveryRunAndLeavesNoFiles(@TempDir Path tmp) throws Exception {
        Path project = project(tmp.resolve("project"));
        Path csv = Files.writeString(tmp.resolve("a.csv"), "1,2,0.5\n2,4.1,0.2\n3,6,0.9\n4,8.2,0.1\n");
        // an archive made for another jar, and a Java that refuses to dump one (and logs each refusal)
        Files.writeString(project.resolve("target/irprune.jsa"), "stale");
        Files.writeString(project.resolve("target/irprune.jsa.for"), "/elsewhere/irprune.jar /other/java\n");
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path refusals = tmp.resolve("refusals.log");
        Path java = Files.writeString(bin.resolve("java"), "#!/usr/bin/env bash\n"
                + "for a in \"$@\"; do [ \"$a\" = -Xshare:dump ] && { echo dump >>'" + refusals + "'; exit 1; }; done\n"
                + "exec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' \"$@\"\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();

        for (String name : List.of("first.json", "second.json")) {
            Run run = launch(project, tmp, "", bin, select(csv, tmp.resolve(name)));
            assertThat(run.err()).isEmpty();
            assertThat(run.exit()).isZero();
            assertThat(Files.readString(tmp.resolve(name))).contains("\"prunedByRedundancy\" : [ 0 ]");
        }
        assertThat(Files.readAllLines(refusals)).containsExactly("dump");
        assertThat(project.resolve("target/irprune.jsa")).doesNotExist();
        assertThat(project.resolve("target/irprune.jsa.for")).doesNotExist();
        assertThat(Files.readString(project.resolve("target/irprune.jsa.failed"))).contains(project.resolve("target/irprune.jar").toString());
        try (Stream<Path> left = Stream.concat(Files.list(project.resolve("target")), Files.list(tmp))) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.endsWith(".tmp") || n.endsWith(".classes") || n.startsWith("irprune-cds."));
        }
    }

    private static String[] select(Path csv, Path out) {
        List<String> a = new ArrayList<>(List.of(SELECT));
        a.addAll(List.of("--activations", csv.toString(), "--out", out.toString()));
        return a.toArray(String[]::new);
    }

    record Run(int exit, String out, String err) {}

    /** Runs the project's launcher with {@code javaOpts} as IRPRUNE_JAVA_OPTS. */
    private static Run launch(Path project, Path tmp, String javaOpts, String... args) throws Exception {
        return launch(project, tmp, javaOpts, Path.of(System.getProperty("java.home"), "bin"), args);
    }

    /** As {@link #launch(Path, Path, String, String...)}, with {@code javaBin} first on the PATH. */
    private static Run launch(Path project, Path tmp, String javaOpts, Path javaBin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", project.resolve("irprune").toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> env = pb.environment();
        env.put("PATH", javaBin + File.pathSeparator + env.getOrDefault("PATH", ""));
        env.put("IRPRUNE_JAVA_OPTS", javaOpts);
        env.put("TMPDIR", tmp.toString());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("the launcher took over 120 s: " + cmd);
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** A built project as the launcher sees it: the script, pom.xml and src/main older than target/irprune.jar, target/lib. */
    static Path project(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("src/main/launcher"));
        Files.copy(Path.of("irprune"), dir.resolve("irprune"));
        Files.copy(Path.of("src/main/launcher/jvm.options"), dir.resolve("src/main/launcher/jvm.options"));
        Files.setLastModifiedTime(dir.resolve("src/main/launcher/jvm.options"), FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        Files.setLastModifiedTime(dir.resolve("src/main/launcher"), FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        Files.writeString(dir.resolve("pom.xml"), "<project/>\n");
        FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(dir.resolve("pom.xml"), old);
        Files.setLastModifiedTime(dir.resolve("src/main"), old);
        Path lib = Files.createDirectories(dir.resolve("target/lib"));
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String entry : path.split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(p) && !Files.exists(lib.resolve(p.getFileName()))) {
                Files.createSymbolicLink(lib.resolve(p.getFileName()), p.toAbsolutePath());
            }
        }
        writeJar(dir.resolve("target/irprune.jar"), "first");
        return dir;
    }

    /** The compiled classes (and properties) as the thin jar Maven makes: Main-Class, Class-Path lib/*.jar. */
    static void writeJar(Path jar, String build) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "dev.irprune.cli.Main");
        List<String> libs;
        try (Stream<Path> s = Files.list(jar.resolveSibling("lib"))) {
            libs = s.map(p -> "lib/" + p.getFileName()).sorted().toList();
        }
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", libs));
        Path classes = Path.of("target", "classes");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, m);
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".class") || f.toString().endsWith(".properties")).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("build.txt"));
            out.write(build.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }
}
