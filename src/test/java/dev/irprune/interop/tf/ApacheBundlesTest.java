package dev.irprune.interop.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.irprune.interop.Fixtures;
import dev.irprune.interop.tf.proto.DataType;
import dev.irprune.io.InputException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Apache-2.0 bundles of {@code src/test/resources/tf-bundle-apache2} (SavedModel variables from
 * TensorFlow Serving, TensorFlow Java and TensorFlow Rust): every key, type and shape as listed in
 * their INFO.md, and values read independently from the data files (float32 little-endian at the
 * listed offsets).
 */
@Tag("fast")
class ApacheBundlesTest {
    private static Path dir(String name) {
        return Fixtures.resource("tf-bundle-apache2/" + name);
    }

    private static void assertScalarFloats(TensorBundle b, List<String> keys, float... values) {
        assertThat(b.keys()).containsExactlyElementsOf(keys);
        for (int i = 0; i < keys.size(); i++) {
            BundleEntry e = b.entry(keys.get(i));
            assertThat(e.dtype()).isEqualTo(DataType.DT_FLOAT);
            assertThat(e.shape()).isEmpty();
            assertThat(b.floats(keys.get(i))).containsExactly(values[i]);
        }
    }

    @Test
    void halfPlusTwoWithASnappyDataBlock() throws Exception {
        TensorBundle b = TensorBundle.open(dir("tfserving-half_plus_two_cpu-snappy"));
        assertThat(b.numShards()).isEqualTo(1);
        assertThat(b.prefix().getFileName().toString()).isEqualTo("variables");
        assertScalarFloats(b, List.of("a", "a2", "b", "c", "c2"), 0.5f, 0.5f, 2f, 3f, 3f);
        assertThat(b.entry("c").offset()).isEqualTo(12);
        assertThat(b.entry("c").size()).isEqualTo(4);
        assertThat(firstDataBlockType(dir("tfserving-half_plus_two_cpu-snappy").resolve("variables.index")))
                .isEqualTo(Blocks.SNAPPY);
    }

    @Test
    void halfPlusTwoTf2WithObjectGraphAndSnappy() throws Exception {
        TensorBundle b = TensorBundle.open(dir("tfserving-half_plus_two_tf2_cpu-snappy"));
        assertThat(b.keys()).containsExactly("_CHECKPOINTABLE_OBJECT_GRAPH", "a/.ATTRIBUTES/VARIABLE_VALUE",
                "b/.ATTRIBUTES/VARIABLE_VALUE", "c/.ATTRIBUTES/VARIABLE_VALUE");
        BundleEntry graph = b.entry("_CHECKPOINTABLE_OBJECT_GRAPH");
        assertThat(graph.dtype()).isEqualTo(DataType.DT_STRING);
        assertThat(graph.offset()).isEqualTo(12);
        assertThat(graph.size()).isEqualTo(619);
        // a string tensor: its checksum covers the lengths, their checksum and the bytes
        assertThat(b.bytes("_CHECKPOINTABLE_OBJECT_GRAPH")).hasSize(619);
        assertThat(b.floats("a/.ATTRIBUTES/VARIABLE_VALUE")).containsExactly(0.5f);
        assertThat(b.floats("b/.ATTRIBUTES/VARIABLE_VALUE")).containsExactly(2f);
        assertThat(b.floats("c/.ATTRIBUTES/VARIABLE_VALUE")).containsExactly(3f);
        assertThatThrownBy(() -> b.floats("_CHECKPOINTABLE_OBJECT_GRAPH")).isInstanceOf(InputException.class)
                .hasMessageContaining("'_CHECKPOINTABLE_OBJECT_GRAPH' is DT_STRING, not a floating-point type");
        assertThat(firstDataBlockType(dir("tfserving-half_plus_two_tf2_cpu-snappy").resolve("variables.index")))
                .isEqualTo(Blocks.SNAPPY);
    }

    @Test
    void mklConvHasOneByOneKernels() throws Exception {
        TensorBundle b = TensorBundle.open(dir("tfserving-half_plus_two_mkl-conv"));
        assertThat(b.keys()).containsExactly("a", "b", "c", "conv2d/bias", "conv2d/kernel", "conv2d_1/bias",
                "conv2d_1/kernel", "conv2d_2/bias", "conv2d_2/kernel");
        assertThat(b.entry("conv2d/kernel").shape()).containsExactly(1, 1, 1, 1);
        assertThat(b.entry("conv2d/bias").shape()).containsExactly(1);
        assertThat(b.entry("conv2d_2/kernel").offset()).isEqualTo(32);
        assertThat(b.floats("a")).containsExactly(0.5f);
        assertThat(b.floats("b")).containsExactly(2f);
        assertThat(b.floats("c")).containsExactly(3f);
        assertThat(b.tensor("conv2d/kernel").values()).containsExactly(-0.5223959684371948f);
        assertThat(b.floats("conv2d_1/kernel")).containsExactly(-1.0451120138168335f);
        assertThat(b.floats("conv2d_2/kernel")).containsExactly(1.577943205833435f);
        assertThat(b.floats("conv2d_2/bias")).containsExactly(0f);
        assertThat(firstDataBlockType(dir("tfserving-half_plus_two_mkl-conv").resolve("variables.index")))
                .isEqualTo(Blocks.NO_COMPRESSION);
    }

    @Test
    void tensorflowJavaSavedModel() {
        TensorBundle b = TensorBundle.open(dir("tfjava-saved_model_using_python"));
        assertThat(b.keys()).containsExactly("_CHECKPOINTABLE_OBJECT_GRAPH", "variable/.ATTRIBUTES/VARIABLE_VALUE");
        assertThat(b.entry("_CHECKPOINTABLE_OBJECT_GRAPH").size()).isEqualTo(123);
        assertThat(b.floats("variable/.ATTRIBUTES/VARIABLE_VALUE")).containsExactly(2f);
        b.verify();
    }

    @Test
    void kerasSequentialWithAdamSlots() {
        TensorBundle b = TensorBundle.open(dir("tfrust-keras_single_input_sequential"));
        String v = "/.ATTRIBUTES/VARIABLE_VALUE";
        String m = "/.OPTIMIZER_SLOT/optimizer/m" + v;
        String s = "/.OPTIMIZER_SLOT/optimizer/v" + v;
        assertThat(b.keys()).containsExactly(
                "_CHECKPOINTABLE_OBJECT_GRAPH",
                "keras_api/metrics/0/count" + v, "keras_api/metrics/0/total" + v,
                "keras_api/metrics/1/count" + v, "keras_api/metrics/1/total" + v,
                "layer_with_weights-0/bias" + v, "layer_with_weights-0/bias" + m, "layer_with_weights-0/bias" + s,
                "layer_with_weights-0/kernel" + v, "layer_with_weights-0/kernel" + m, "layer_with_weights-0/kernel" + s,
                "layer_with_weights-1/bias" + v, "layer_with_weights-1/bias" + m, "layer_with_weights-1/bias" + s,
                "layer_with_weights-1/kernel" + v, "layer_with_weights-1/kernel" + m, "layer_with_weights-1/kernel" + s,
                "layer_with_weights-2/bias" + v, "layer_with_weights-2/bias" + m, "layer_with_weights-2/bias" + s,
                "layer_with_weights-2/kernel" + v, "layer_with_weights-2/kernel" + m, "layer_with_weights-2/kernel" + s,
                "optimizer/beta_1" + v, "optimizer/beta_2" + v, "optimizer/decay" + v, "optimizer/iter" + v,
                "optimizer/learning_rate" + v);
        assertThat(b.entry("layer_with_weights-0/kernel" + v).shape()).containsExactly(5, 5);
        assertThat(b.entry("layer_with_weights-2/kernel" + s).shape()).containsExactly(5, 1);
        assertThat(b.entry("layer_with_weights-2/kernel" + s).offset()).isEqualTo(808);
        assertThat(b.entry("_CHECKPOINTABLE_OBJECT_GRAPH").size()).isEqualTo(4653);
        float[] k0 = b.floats("layer_with_weights-0/kernel" + v);
        assertThat(k0).hasSize(25);
        assertThat(new float[] {k0[0], k0[1], k0[2], k0[3], k0[4]}).containsExactly(0.08318070322275162f,
                0.05203530192375183f, -0.011534483171999454f, -0.0071471137925982475f, -0.10460672527551651f);
        assertThat(b.floats("layer_with_weights-0/bias" + v)).containsExactly(0.000999363837763667f, 0f, 0f,
                0.000999550218693912f, 0f);
        assertThat(b.floats("layer_with_weights-2/kernel" + v)).containsExactly(-0.3279283046722412f,
                0.3953714370727539f, 0.6755032539367676f, 0.04416966065764427f, -0.9291467666625977f);
        assertThat(b.floats("layer_with_weights-2/bias" + v)).containsExactly(0.0009999938774853945f);
        assertThat(b.floats("optimizer/beta_1" + v)).containsExactly(0.9f);
        assertThat(b.floats("keras_api/metrics/0/count" + v)).containsExactly(1f);
        BundleEntry iter = b.entry("optimizer/iter" + v);
        assertThat(iter.dtype()).isEqualTo(DataType.DT_INT64);
        assertThat(ByteBuffer.wrap(b.bytes("optimizer/iter" + v)).order(ByteOrder.LITTLE_ENDIAN).getLong()).isEqualTo(1L);
        assertThatThrownBy(() -> b.floats("optimizer/iter" + v)).isInstanceOf(InputException.class)
                .hasMessageContaining("is DT_INT64, not a floating-point type");
        b.verify();
    }

    @Test
    void everyBundledTensorPassesItsChecksum() throws Exception {
        try (var dirs = Files.list(Fixtures.resource("tf-bundle-apache2"))) {
            List<Path> bundles = dirs.filter(Files::isDirectory).sorted().toList();
            assertThat(bundles).hasSize(5);
            for (Path d : bundles) {
                TensorBundle.open(d).verify();
            }
        }
    }

    @Test
    void aMissingKeyIsNamed() {
        TensorBundle b = TensorBundle.open(dir("tfserving-half_plus_two_cpu-snappy"));
        assertThat(b.contains("a")).isTrue();
        assertThat(b.contains("z")).isFalse();
        assertThatThrownBy(() -> b.floats("z")).isInstanceOf(InputException.class).hasMessageContaining("no tensor 'z'");
    }

    /** The compression byte after the first data block, read straight from the file's structures. */
    static int firstDataBlockType(Path index) throws Exception {
        byte[] file = Files.readAllBytes(index);
        Footer footer = Footer.read(file, "test");
        byte[] indexBlock = Blocks.read(file, footer.index(), "test", "index");
        BlockHandle first = Footer.handle(com.google.protobuf.CodedInputStream.newInstance(
                BlockEntries.parse(indexBlock, "test", "index").get(0).value()));
        return file[(int) (first.offset() + first.size())];
    }
}
