package dev.irprune.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irprune.io.Json;
import dev.irprune.model.InputSpec;
import dev.irprune.model.NetworkSpec;
import dev.irprune.model.Vgg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every numeric option has a range that cannot overflow downstream; outside it: one line, exit 2. */
@Tag("fast")
class RangesTest {
    @TempDir Path dir;

    /** Each: the command line (with OUT for an output folder) and a part of the one-line error. */
    static Stream<Arguments> outOfRange() {
        return Stream.of(
                arguments("summary --width 1e9", "'1e9' is not a number > 0 and <= 8"),
                arguments("summary --width 0", "'0' is not a number > 0 and <= 8"),
                arguments("summary --width NaN", "'NaN' is not a number > 0 and <= 8"),
                arguments("summary --width Infinity", "--width"),
                arguments("summary --dense-width 0", "'0' is not a whole number from 1 to 32768"),
                arguments("summary --dense-width 99999999999", "'99999999999' is not a whole number from 1 to 32768"),
                arguments("summary --width 8 --dense-width 8192", "--dense-width 8192 at --width 8.0 gives 65536 units"),
                arguments("summary --dropout 1", "'1' is not a number >= 0 and < 1"),
                arguments("train --dataset demo --out OUT --epochs 100001", "'100001' is not a whole number from 0 to 100000"),
                arguments("train --dataset demo --out OUT --epochs 2147483647", "--epochs"),
                arguments("train --dataset demo --out OUT --batch-size 0", "'0' is not a whole number from 1 to 65536"),
                arguments("train --dataset demo --out OUT --batch-size 2147483647", "--batch-size"),
                arguments("train --dataset demo --out OUT --lr 0", "'0' is not a number > 0 and <= 1"),
                arguments("train --dataset demo --out OUT --lr 1e300", "--lr"),
                arguments("train --dataset demo --out OUT --seed -1", "'-1' is not a whole number from 0 to 2147483647"),
                arguments("train --dataset demo --out OUT --seed 9223372036854775807", "--seed"),
                arguments("train --dataset demo --out OUT --train-limit -1", "'-1' is not a whole number from 0 to 2147483647"),
                arguments("eval --model OUT --test-limit 2147483648", "--test-limit"),
                arguments("prune 1e400 0.8 --out OUT", "'1e400' is not a finite number >= 0"),
                arguments("prune 0.3 1.5 --out OUT", "'1.5' is not a number from 0 to 1"),
                arguments("prune 0.3 0.8 --out OUT --finetune-epochs 100001", "--finetune-epochs"),
                arguments("prune 0.3 0.8 --out OUT --analysis-samples 1", "'1' is not a whole number from 2 to 2147483647"),
                arguments("demo --out OUT --epochs 2147483647", "--epochs"),
                arguments("demo --out OUT --finetune-epochs -1", "--finetune-epochs"),
                arguments("demo --out OUT --seed 4294967296", "--seed"),
                arguments("select --activations OUT --mode dense --entropy Infinity --similarity 0.8", "--entropy"),
                arguments("select --activations OUT --mode conv --entropy 0 --similarity 0.8 --budget 1.01", "--budget"),
                arguments("select --activations OUT --mode dense --entropy 0 --similarity 0.8 --rows 0", "--rows"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outOfRange")
    void outOfRangeIsOneLineExitTwoAndNothingWritten(String line, String message) throws Exception {
        Path out = dir.resolve("out");
        Cli r = Cli.run(line.replace("OUT", out.toString()).split(" "));
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.oneLineError()).as(r.err()).isTrue();
        assertThat(r.err()).contains(message);
        assertThat(r.out()).isEmpty();
        assertThat(out).doesNotExist();
    }

    @Test
    void theWidestNetworkTheOptionsAllowIsCountedExactly() throws Exception {
        // VGG16 at width 8: convolutions of 512 .. 4096 filters, dense layers of 32768 units
        Cli r = Cli.run("summary", "--width", "8", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertThat(j.get("convMacs").asLong()).isEqualTo(19_945_488_384L);
        assertThat(j.get("totalMacs").asLong()).isEqualTo(21_153_775_616L);
        assertThat(j.get("params").asLong()).isEqualTo(2_149_759_498L);
        JsonNode fc2 = null;
        for (JsonNode n : j.get("nodes")) {
            if (n.get("name").asText().equals("fc2")) {
                fc2 = n;
            }
        }
        assertThat(fc2.get("params").asLong()).as("fc2").isEqualTo(32_768L * 32_768 + 32_768);
    }

    @Test
    void aModelSpecWhoseCountsWouldOverflowIsRefused() throws Exception {
        NetworkSpec spec = Vgg.build(new Vgg.Options(Vgg.Arch.VGG11, 0.0625, 512, false, 0, 10), InputSpec.of(1, 32, 32));
        Path model = Files.createDirectories(dir.resolve("huge"));
        Json.writeFile(model.resolve("spec.json"), spec);
        String text = Files.readString(model.resolve("spec.json"));
        // every convolution with 2e9 filters: 9 * 2e9 * 2e9 * 16 * 16 MACs in the second one alone overflow a long
        Files.writeString(model.resolve("spec.json"), text.replaceAll("\"filters\" : \\d+,", "\"filters\" : 2000000000,"));
        Cli r = Cli.run("summary", "--model", model.toString(), "--json");
        assertThat(r.exit()).as(r.out()).isEqualTo(2);
        assertThat(r.oneLineError()).as(r.err()).isTrue();
        assertThat(r.err()).contains("spec.json").contains("too large to count");
        assertThat(r.out()).isEmpty();
    }
}
