package dev.irprune.interop.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.irprune.interop.Fixtures;
import dev.irprune.io.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way of naming a bundle leads to the same prefix; anything else is one clear line. */
@Tag("fast")
class BundlePrefixTest {
    @TempDir
    Path tmp;

    Path vars;

    @BeforeEach
    void savedModel() {
        vars = Fixtures.copyFolder(Fixtures.resource("tf-bundle-apache2/tfserving-half_plus_two_cpu-snappy"),
                tmp.resolve("saved_model/variables"));
    }

    @Test
    void prefixIndexDataFileVariablesFolderAndSavedModelFolder() {
        Path prefix = vars.resolve("variables");
        assertThat(BundlePrefix.resolve(prefix)).isEqualTo(prefix);
        assertThat(BundlePrefix.resolve(vars.resolve("variables.index"))).isEqualTo(prefix);
        assertThat(BundlePrefix.resolve(vars.resolve("variables.data-00000-of-00001"))).isEqualTo(prefix);
        assertThat(BundlePrefix.resolve(vars)).isEqualTo(prefix);
        assertThat(BundlePrefix.resolve(tmp.resolve("saved_model"))).isEqualTo(prefix);
        assertThat(TensorBundle.open(tmp.resolve("saved_model")).floats("b")).containsExactly(2f);
    }

    @Test
    void checkpointFileWithRelativeOrAbsolutePath() throws Exception {
        Path ckpt = Fixtures.copyFolder(vars, tmp.resolve("training"));
        Files.move(ckpt.resolve("variables.index"), ckpt.resolve("cp.ckpt.index"));
        Files.move(ckpt.resolve("variables.data-00000-of-00001"), ckpt.resolve("cp.ckpt.data-00000-of-00001"));
        Files.writeString(ckpt.resolve("checkpoint"), "model_checkpoint_path: \"cp.ckpt\"\nall_model_checkpoint_paths: \"cp.ckpt\"\n"
                + "all_model_checkpoint_timestamps: 1700000000.5\nlast_preserved_timestamp: 1699999999.0\n");
        assertThat(BundlePrefix.resolve(ckpt)).isEqualTo(ckpt.toAbsolutePath().resolve("cp.ckpt"));
        assertThat(TensorBundle.open(ckpt).floats("a")).containsExactly(0.5f);

        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("checkpoint"), "model_checkpoint_path: \"" + ckpt.toAbsolutePath().resolve("cp.ckpt") + "\"\n");
        assertThat(BundlePrefix.resolve(elsewhere)).isEqualTo(ckpt.toAbsolutePath().resolve("cp.ckpt"));
    }

    @Test
    void badPlacesAreOneLine() throws Exception {
        assertThatThrownBy(() -> TensorBundle.open(tmp.resolve("nothing"))).isInstanceOf(InputException.class)
                .hasMessageContaining("no TensorFlow checkpoint here");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> TensorBundle.open(empty)).isInstanceOf(InputException.class)
                .hasMessageContaining("no TensorFlow checkpoint in this folder");
        Files.writeString(empty.resolve("checkpoint"), "model_checkpoint_path: \"gone.ckpt\"\n");
        assertThatThrownBy(() -> TensorBundle.open(empty)).isInstanceOf(InputException.class)
                .hasMessageContaining("names checkpoint").hasMessageContaining("gone.ckpt.index is missing");
        Files.writeString(empty.resolve("checkpoint"), "this is { not text format\n");
        assertThatThrownBy(() -> TensorBundle.open(empty)).isInstanceOf(InputException.class)
                .hasMessageContaining("not a TensorFlow checkpoint state file");
        Files.writeString(empty.resolve("checkpoint"), "all_model_checkpoint_paths: \"x\"\n");
        assertThatThrownBy(() -> TensorBundle.open(empty)).isInstanceOf(InputException.class)
                .hasMessageContaining("model_checkpoint_path is empty");
    }
}
