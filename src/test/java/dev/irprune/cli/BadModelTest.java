package dev.irprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.irprune.model.InputSpec;
import dev.irprune.model.ModelFolder;
import dev.irprune.model.NetworkSpec;
import dev.irprune.model.SafeTensors;
import dev.irprune.model.Tensor;
import dev.irprune.model.Vgg;
import dev.irprune.model.Weights;
import dev.irprune.io.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model folder whose spec or weights are wrong is refused with one line and exit 2, never run. */
@Tag("slow")
class BadModelTest {
    static final NetworkSpec SPEC = Vgg.build(new Vgg.Options(Vgg.Arch.VGG11, 0.0625, 512, false, 0, 10),
            new InputSpec(1, 32, 32, 0.2, 0.3));

    @TempDir Path dir;

    private Cli evalWithSpec(UnaryOperator<String> edit) throws Exception {
        Path m = dir.resolve("m" + System.nanoTime());
        ModelFolder.save(m, SPEC, Weights.initial(SPEC, 1));
        Path spec = m.resolve("spec.json");
        Files.writeString(spec, edit.apply(Files.readString(spec)));
        return Cli.run("eval", "--model", m.toString(), "--dataset", "demo", "--test-limit", "10");
    }

    @Test
    void specsWithMissingOrWrongFieldsAreRefused() throws Exception {
        assertThat(evalWithSpec(s -> s).exit()).isZero();
        String[][] edits = {
            {"\"mean\" : 0.2,", "", "mean"},
            {"\"std\" : 0.3", "\"std\" : 0", "std > 0"},
            {"\"filters\" : 4,", "\"filters\" : 4.7,", "filters"},
            {"\"l2\" : 5.0E-4", "\"l2\" : null", "l2"},
            {"\"input\" : \"conv1_1\"", "\"input\" : \"conv9\"", "is not the network input or an earlier node"},
        };
        for (String[] e : edits) {
            Cli r = evalWithSpec(s -> s.replaceFirst(java.util.regex.Pattern.quote(e[0]), e[1]));
            assertThat(r.exit()).as(e[2] + ": " + r.err()).isEqualTo(2);
            assertThat(r.oneLineError()).as(r.err()).isTrue();
            assertThat(r.err()).contains("spec.json").contains(e[2]);
        }
    }

    @Test
    void nonFiniteWeightsAreRefused() throws Exception {
        Path m = dir.resolve("nan");
        Map<String, Tensor> w = new LinkedHashMap<>(Weights.initial(SPEC, 1));
        w.get("conv2_1.weight").data()[3] = Float.NaN;
        Files.createDirectories(m);
        dev.irprune.io.Json.writeFile(m.resolve("spec.json"), SPEC);
        AtomicFiles.write(m.resolve("weights.safetensors"), out -> SafeTensors.write(w, out));
        Cli r = Cli.run("eval", "--model", m.toString(), "--dataset", "demo");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("conv2_1.weight holds a non-finite value (NaN) at 3");
    }

    @Test
    void resumeRefusesSettingsItCannotChange() {
        Cli r = Cli.run("train", "--resume", "--lr", "0.5", "--out", dir.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--lr cannot change on --resume");
    }

    @Test
    void outputThatIsAFolderIsBadInput() throws Exception {
        Path csv = dir.resolve("a.csv");
        Files.writeString(csv, "1,2\n3,4\n5,7\n");
        Cli r = Cli.run("select", "--activations", csv.toString(), "--mode", "dense", "--entropy", "0.3",
                "--similarity", "0.8", "--out", dir.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("is a folder, not a file name");
        assertThat(Cli.run("--verbose", "summary", "--json").exit()).isZero();
    }
}
