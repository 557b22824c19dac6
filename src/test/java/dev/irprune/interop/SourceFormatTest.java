package dev.irprune.interop;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.irprune.io.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model sources are told apart by their files; anything else is one line naming what was expected. */
@Tag("fast")
class SourceFormatTest {
    @TempDir
    Path tmp;

    @Test
    void eachKindFromItsFiles() throws Exception {
        Path bundles = Fixtures.resource("tf-bundle-apache2/tfrust-keras_single_input_sequential");
        assertThat(SourceFormat.of(bundles)).isEqualTo(SourceFormat.TF_CHECKPOINT); // variables.index inside
        assertThat(SourceFormat.of(bundles.resolve("variables"))).isEqualTo(SourceFormat.TF_CHECKPOINT); // a prefix
        assertThat(SourceFormat.of(bundles.resolve("variables.index"))).isEqualTo(SourceFormat.TF_CHECKPOINT);
        assertThat(SourceFormat.of(Fixtures.resource("keras-layouts/tiny.keras"))).isEqualTo(SourceFormat.KERAS);
        assertThat(SourceFormat.of(Fixtures.resource("keras-layouts/tiny-keras2.weights.h5"))).isEqualTo(SourceFormat.KERAS);
        Path onnx = tmp.resolve("model.bin");
        dev.irprune.interop.onnx.OnnxModelBuilder.create("g").input("x", 1, 1, 2, 2)
                .node("Relu", java.util.List.of("x"), java.util.List.of("y")).output("y", 1, 1, 2, 2).write(onnx);
        assertThat(SourceFormat.of(onnx)).isEqualTo(SourceFormat.ONNX); // no .onnx, but it starts with ir_version
        Path folder = Files.createDirectories(tmp.resolve("model"));
        Files.writeString(folder.resolve("spec.json"), "{}");
        assertThat(SourceFormat.of(folder)).isEqualTo(SourceFormat.MODEL_FOLDER);
        Path ckpt = Files.createDirectories(tmp.resolve("training_4"));
        Files.writeString(ckpt.resolve("checkpoint"), "model_checkpoint_path: \"cp.ckpt\"\n");
        assertThat(SourceFormat.of(ckpt)).isEqualTo(SourceFormat.TF_CHECKPOINT);
    }

    @Test
    void othersAreRefused() throws Exception {
        Path text = Files.writeString(tmp.resolve("notes.txt"), "hello");
        assertThatThrownBy(() -> SourceFormat.of(text)).isInstanceOf(InputException.class).hasMessage(text
                + ": not a model IRPrune can read: expected an IRPrune model folder, a TensorFlow checkpoint (prefix, .index, or a "
                + "folder with a 'checkpoint' file), a Keras .h5/.weights.h5/.keras file or an .onnx file");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> SourceFormat.of(empty)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(empty + ": a folder with neither spec.json (an IRPrune model) nor a TensorFlow checkpoint");
        assertThatThrownBy(() -> SourceFormat.of(tmp.resolve("nothing"))).isInstanceOf(InputException.class)
                .hasMessage(tmp.resolve("nothing") + ": no such file or folder");
    }
}
