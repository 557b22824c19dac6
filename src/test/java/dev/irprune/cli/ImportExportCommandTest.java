package dev.irprune.cli;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irprune.data.DataConfig;
import dev.irprune.data.DatasetName;
import dev.irprune.interop.DebianPython;
import dev.irprune.interop.Fixtures;
import dev.irprune.io.Json;
import dev.irprune.model.Forward;
import dev.irprune.model.InputSpec;
import dev.irprune.model.ModelFolder;
import dev.irprune.model.NetworkSpec;
import dev.irprune.model.Preprocess;
import dev.irprune.model.Vgg;
import dev.irprune.model.Weights;
import dev.irprune.train.Provenance;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * export, eval --runtime onnxruntime and import through the command line, on a small VGG11-BN
 * (random weights and batch-norm statistics, standardised input) said to be made on the bundled demo
 * data: the exported file verifies, runs in ONNX Runtime with IRPrune's accuracy, passes the ONNX
 * checker and imports back; every bad input is one line and exit 2.
 */
@Tag("slow")
class ImportExportCommandTest {
    @TempDir Path dir;

    private Path model() {
        NetworkSpec spec = Vgg.build(new Vgg.Options(Vgg.Arch.VGG11, 0.125, 64, true, 0.5, 10),
                new InputSpec(1, 32, 32, Preprocess.STANDARDIZE, 0.286, 0.353));
        Path m = dir.resolve("vgg");
        ModelFolder.save(m, spec, Forward.randomBatchNorms(Weights.initial(spec, 4), 4));
        new Provenance("test", DataConfig.of(DatasetName.DEMO), null, 0).write(m);
        return m;
    }

    private static JsonNode json(Cli r) throws Exception {
        assertThat(r.exit()).as(r.err()).isZero();
        return Json.MAPPER.readTree(r.out());
    }

    @Test
    void exportVerifyEvaluateInOnnxRuntimeAndImportBack() throws Exception {
        Path m = model();
        Path onnx = dir.resolve("vgg.onnx");
        Cli export = Cli.run("export", "--model", m.toString(), "--out", onnx.toString(), "--verify", "--verify-images", "100");
        assertThat(export.exit()).as(export.err()).isZero();
        Matcher d = Pattern.compile("verified in ONNX Runtime \\S+ on 100 test images of demo: largest logit difference (\\S+) "
                + "\\(largest logit \\S+\\), same class for 100 of 100").matcher(export.out());
        assertThat(d.find()).as(export.out()).isTrue();
        assertThat(Double.parseDouble(d.group(1))).isLessThan(1e-4);

        JsonNode ours = json(Cli.run("eval", "--model", m.toString(), "--test-limit", "500", "--json"));
        JsonNode unfolded = json(Cli.run("eval", "--model", m.toString(), "--test-limit", "500", "--no-fold-bn", "--json"));
        JsonNode ort = json(Cli.run("eval", "--model", onnx.toString(), "--runtime", "onnxruntime", "--test-limit", "500", "--json"));
        assertThat(ort.get("dataset").asText()).isEqualTo("demo"); // from the file's metadata
        for (JsonNode other : new JsonNode[] {unfolded, ort}) {
            assertThat(other.get("accuracy").asDouble()).isEqualTo(ours.get("accuracy").asDouble());
            assertThat(other.get("loss").asDouble()).isCloseTo(ours.get("loss").asDouble(), within(1e-5));
            assertThat(other.get("images").asInt()).isEqualTo(500);
        }

        Path back = dir.resolve("back");
        Cli imported = Cli.run("import", onnx.toString(), "--out", back.toString(), "--dataset", "demo");
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("(ONNX model) into " + back);
        assertThat(ModelFolder.load(back).spec().input()).isEqualTo(ModelFolder.load(m).spec().input());
        assertThat(Provenance.read(back).orElseThrow().madeBy()).isEqualTo("imported from " + onnx + " (ONNX model)");
        JsonNode again = json(Cli.run("eval", "--model", back.toString(), "--test-limit", "500", "--json"));
        assertThat(again.get("accuracy").asDouble()).isEqualTo(ours.get("accuracy").asDouble());
        JsonNode direct = json(Cli.run("eval", "--model", onnx.toString(), "--test-limit", "500", "--json"));
        assertThat(direct.get("accuracy").asDouble()).isEqualTo(ours.get("accuracy").asDouble());

        DebianPython.assumeModules("onnx");
        DebianPython.Result check = DebianPython.run("-c", "import sys, onnx\nm = onnx.load(sys.argv[1])\n"
                + "onnx.checker.check_model(m, full_check=True)\n"
                + "print(m.opset_import[0].version, m.graph.input[0].type.tensor_type.shape.dim[0].dim_param, "
                + "dict((p.key, p.value) for p in m.metadata_props)['irprune.preprocess'])\n", onnx.toString());
        assertThat(check.code()).as(check.output()).isZero();
        assertThat(check.output().strip()).isEqualTo("13 batch standardize");
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws Exception {
        Path m = model();
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a model");
        Path onnx = dir.resolve("x.onnx");
        Path testOnly = Files.createDirectories(dir.resolve("mnist-test-only"));
        for (String f : new String[] {"t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"}) {
            try (InputStream in = getClass().getResourceAsStream("/dev/irprune/data/demo/" + f)) {
                Files.copy(in, testOnly.resolve(f));
            }
        }
        assertThat(Cli.run("export", "--model", m.toString(), "--out", onnx.toString()).exit()).isZero();
        String tiny = Fixtures.resource("keras-layouts/tiny.keras").toString();
        String out = dir.resolve("out").toString();
        Object[][] cases = {
            {new String[] {"import", text.toString(), "--out", out}, "not a model IRPrune can read"},
            {new String[] {"import", dir.resolve("missing.h5").toString(), "--out", out}, "no such file or folder"},
            {new String[] {"import", m.toString(), "--out", out}, "already an IRPrune model folder"},
            {new String[] {"import", tiny, "--out", out, "--preprocess", "standardize"}, "needs the training images' mean and std"},
            {new String[] {"import", tiny, "--out", out, "--spec", "a.json", "--keras-config", "b.json"}, "give the architecture one way"},
            {new String[] {"import", tiny, "--out", out, "--preprocess", "minmax"}, "unknown preprocessing 'minmax'"},
            {new String[] {"import", Fixtures.resource("keras-layouts/tiny-keras2.weights.h5").toString(), "--out", out},
                "holds 4 layers with weights, but the architecture has 16"},
            {new String[] {"eval", "--model", m.toString(), "--spec", "a.json"}, "applies to imported models"},
            {new String[] {"eval", "--model", m.toString(), "--runtime", "onnxruntime"}, "--runtime onnxruntime runs .onnx files"},
            {new String[] {"eval", "--model", onnx.toString(), "--runtime", "tensorflow"}, "--runtime must be irprune or onnxruntime"},
            {new String[] {"export", "--model", m.toString(), "--out", onnx.toString(), "--opset", "12"}, "is not a whole number from 13 to 17"},
            {new String[] {"export", "--model", m.toString()}, "Missing required option: '--out=FILE.onnx'"},
            {new String[] {"prune", "0.3", "0.8", "--model", onnx.toString(), "--dataset", "mnist", "--data-dir", testOnly.toString(),
                "--out", out}, "only the mnist test files are here; training, pruning and fine-tuning need the training images too"},
            {new String[] {"prune", "0.3", "0.8", "--model", tiny, "--epochs", "3", "--out", out}, "--epochs trains a new network"},
        };
        for (Object[] c : cases) {
            String[] args = (String[]) c[0];
            Cli r = Cli.run(args);
            assertThat(r.exit()).as(String.join(" ", args) + " -> " + r.err()).isEqualTo(2);
            assertThat(r.oneLineError()).as(r.err()).isTrue();
            assertThat(r.err()).contains((String) c[1]);
        }
        assertThat(Files.exists(dir.resolve("out"))).isFalse();
    }
}
