package dev.irprune;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of the flow (DESIGN.md): the math, the selection, reports, studies and the
 * command line never touch the engine; capture does not import training; training does not import
 * reports; the network description does not import the steps that use it.
 */
@Tag("fast")
class PackageRulesTest {
    static final Path MAIN = Path.of("src/main/java/dev/irprune");

    static final Map<String, List<String>> FORBIDDEN = Map.ofEntries(
            Map.entry("score", List.of("ai.djl", "dev.irprune.")),
            Map.entry("select", List.of("ai.djl", "dev.irprune.train", "dev.irprune.pipeline", "dev.irprune.capture")),
            Map.entry("groups", List.of("ai.djl", "dev.irprune.select", "dev.irprune.pipeline")),
            Map.entry("surgery", List.of("ai.djl")),
            Map.entry("report", List.of("ai.djl", "dev.irprune.pipeline", "dev.irprune.cli")),
            Map.entry("study", List.of("ai.djl")),
            Map.entry("cli", List.of("ai.djl")),
            Map.entry("io", List.of("ai.djl", "dev.irprune.")),
            Map.entry("capture", List.of("dev.irprune.train", "dev.irprune.pipeline", "dev.irprune.report")),
            Map.entry("train", List.of("dev.irprune.report", "dev.irprune.pipeline", "dev.irprune.capture")),
            Map.entry("model", List.of("dev.irprune.train", "dev.irprune.pipeline", "dev.irprune.select", "dev.irprune.capture",
                    "dev.irprune.data")));

    @Test
    void eachPackageImportsOnlyWhatItsPlaceInTheFlowAllows() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : FORBIDDEN.entrySet()) {
            try (Stream<Path> files = Files.walk(MAIN.resolve(e.getKey()))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    for (String line : Files.readAllLines(f)) {
                        String t = line.trim();
                        if (!t.startsWith("import ")) {
                            continue;
                        }
                        for (String bad : e.getValue()) {
                            boolean own = bad.equals("dev.irprune.") && t.startsWith("import dev.irprune." + e.getKey() + ".");
                            if (t.startsWith("import " + bad) && !own) {
                                violations.add(MAIN.relativize(f) + ": " + t);
                            }
                        }
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }
}
