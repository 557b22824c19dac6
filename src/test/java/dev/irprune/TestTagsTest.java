package dev.irprune;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.annotation.Testable;

/**
 * Every test class is tagged {@code fast} or {@code slow}, not both and not neither, so that
 * {@code mvn -B test -Dgroups=fast} (the math and I/O tests, in seconds) never silently skips a new
 * class, while plain {@code mvn -B test} runs everything. Slow: a test that starts the engine, trains,
 * or runs processes (Python, the launcher, irprune itself). It scans the compiled test classes:
 * every top-level class with a method JUnit runs ({@code @Test}, {@code @ParameterizedTest}, ...:
 * annotations marked {@link Testable}).
 */
@Tag("fast")
class TestTagsTest {
    static final Set<String> TAGS = Set.of("fast", "slow");

    @Test
    void everyTestClassIsTaggedFastOrSlowAndNotBoth() throws Exception {
        List<Class<?>> tests = testClasses();
        assertThat(tests).as("test classes found").hasSizeGreaterThan(40).contains(TestTagsTest.class);
        List<String> wrong = new ArrayList<>();
        for (Class<?> c : tests) {
            List<String> tags = Arrays.stream(c.getAnnotationsByType(Tag.class)).map(Tag::value).filter(TAGS::contains).toList();
            if (tags.size() != 1) {
                wrong.add(c.getName() + (tags.isEmpty() ? " has neither" : " has both"));
            }
        }
        assertThat(wrong).as("tag each test class @Tag(\"fast\") (math, I/O) or @Tag(\"slow\") (engine, training, processes)")
                .isEmpty();
    }

    @Test
    void theScanFindsTestsThroughParameterizedAndPlainTestMethods() throws Exception {
        List<String> tests = testClasses().stream().map(Class::getName).toList();
        assertThat(tests).contains("dev.irprune.select.FidelityTest", "dev.irprune.train.TrainingTest");
        assertThat(tests).doesNotContain(TestFolders.class.getName(), FidelityCases.class.getName());
    }

    /** The top-level classes under the test-classes folder that have a method JUnit runs. */
    static List<Class<?>> testClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(TestTagsTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names;
        try (Stream<Path> files = Files.walk(root)) {
            names = files.map(root::relativize).map(Path::toString).filter(f -> f.endsWith(".class") && !f.contains("$"))
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.').replace('\\', '.')).sorted().toList();
        }
        List<Class<?>> out = new ArrayList<>();
        for (String name : names) {
            Class<?> c = Class.forName(name, false, TestTagsTest.class.getClassLoader());
            if (Arrays.stream(c.getDeclaredMethods()).anyMatch(TestTagsTest::runByJUnit)) {
                out.add(c);
            }
        }
        return out;
    }

    private static boolean runByJUnit(Method m) {
        return Arrays.stream(m.getAnnotations()).anyMatch(a -> testable(a, new HashSet<>()));
    }

    /** Whether the annotation is {@link Testable} or is (meta-)annotated with it. */
    private static boolean testable(Annotation a, Set<Class<?>> seen) {
        Class<? extends Annotation> type = a.annotationType();
        if (type == Testable.class) {
            return true;
        }
        if (!seen.add(type)) {
            return false;
        }
        return Arrays.stream(type.getAnnotations()).anyMatch(meta -> testable(meta, seen));
    }
}
