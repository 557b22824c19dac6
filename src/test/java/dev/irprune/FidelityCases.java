package dev.irprune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The golden vectors in {@code ../shared/fidelity} (beside the repository, where the project's
 * shared files live and new cases are added), or in the folder named by the system property
 * {@code irprune.fidelity.dir}; in a clone without that folder, the copy in
 * {@code src/test/resources/fidelity}. A missing folder is an error, never a skip.
 */
public final class FidelityCases {
    public static final String DIR_PROPERTY = "irprune.fidelity.dir";
    private static final ObjectMapper JSON = new ObjectMapper();

    private FidelityCases() {}

    /** One case: its matrix and what the seed's code decided on it. */
    public record Case(String name, Path csv, JsonNode expected) {
        @Override
        public String toString() {
            return name;
        }

        public String mode() {
            return expected.get("mode").asText();
        }

        public double entropyThreshold() {
            return expected.get("entropyThreshold").asDouble();
        }

        public double similarityThreshold() {
            return expected.get("similarityThreshold").asDouble();
        }

        /** The conv budget, or null. */
        public Double budget() {
            JsonNode b = expected.get("budget");
            return b == null || b.isNull() ? null : b.asDouble();
        }

        public List<Integer> indices(String field) {
            List<Integer> out = new ArrayList<>();
            expected.get(field).forEach(n -> out.add(n.asInt()));
            return out;
        }

        public double[] entropy() {
            JsonNode e = expected.get("entropy");
            double[] out = new double[e.size()];
            for (int k = 0; k < out.length; k++) {
                out[k] = e.get(k).asDouble();
            }
            return out;
        }
    }

    /** The folder: the property if set, else {@code shared/fidelity} beside the Maven basedir, else the bundled copy. */
    public static Path dir() {
        String override = System.getProperty(DIR_PROPERTY);
        Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        Path shared = base.getParent().resolve("shared").resolve("fidelity");
        Path dir = override != null && !override.isBlank() ? Path.of(override)
                : Files.isDirectory(shared) ? shared
                : base.resolve("src/test/resources/fidelity");
        if (!Files.isDirectory(dir)) {
            throw new AssertionError("golden vectors not found: " + dir
                    + " is not a folder (set -D" + DIR_PROPERTY + "=FOLDER to point elsewhere)");
        }
        return dir;
    }

    /** Every case of the folder, sorted by name; at least one, else an error. */
    public static List<Case> all() {
        Path dir = dir();
        List<Case> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path expected : files.filter(p -> p.getFileName().toString().endsWith(".expected.json")).sorted().toList()) {
                String name = expected.getFileName().toString().replace(".expected.json", "");
                Path csv = dir.resolve(name + ".csv");
                if (!Files.isRegularFile(csv)) {
                    throw new AssertionError("golden case " + name + " has no " + csv);
                }
                cases.add(new Case(name, csv, JSON.readTree(expected.toFile())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (cases.isEmpty()) {
            throw new AssertionError("no *.expected.json golden case in " + dir);
        }
        return cases;
    }
}
