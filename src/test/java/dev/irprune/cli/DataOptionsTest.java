package dev.irprune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.irprune.data.DataConfig;
import dev.irprune.data.DatasetName;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Tag("fast")
class DataOptionsTest {

    /** A command that only turns its data options into a config. */
    @Command(name = "probe")
    static final class Probe implements Callable<Integer> {
        @Mixin DataOptions data;
        DataConfig config;

        @Override
        public Integer call() {
            config = data.config();
            return 0;
        }
    }

    private Probe probe;
    private final StringWriter err = new StringWriter();

    /** Runs a new probe command with {@code args}, as the CLI does: usage errors exit with 2. */
    private int run(String... args) {
        probe = new Probe();
        CommandLine cli = new CommandLine(probe);
        ErrorHandler handler = new ErrorHandler();
        cli.setExecutionExceptionHandler(handler);
        cli.setParameterExceptionHandler(handler);
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void defaultsAreCifar10AllImagesDefaultFolder() {
        assertThat(run()).isZero();
        assertThat(probe.config).isEqualTo(new DataConfig(DatasetName.CIFAR10, null, 0, 0));
    }

    @Test
    void allOptions() {
        assertThat(run("--dataset", "fashion-mnist", "--data-dir", "/data/fm", "--train-limit", "500",
                "--test-limit=100")).isZero();
        assertThat(probe.config).isEqualTo(new DataConfig(DatasetName.FASHION_MNIST, Path.of("/data/fm"), 500, 100));
        assertThat(run("--dataset", "demo")).isZero();
        assertThat(probe.config).isEqualTo(new DataConfig(DatasetName.DEMO, null, 0, 0));
    }

    @Test
    void unknownDatasetIsAUsageError() {
        assertThat(run("--dataset", "imagenet")).isEqualTo(2);
        assertThat(err.toString()).startsWith("irprune: Invalid value for option '--dataset': unknown data set 'imagenet',"
                + " expected one of cifar10, fashion-mnist, mnist, demo");
        assertThat(probe.config).isNull();
    }

    @Test
    void negativeOrNonNumericLimitsAreUsageErrors() {
        assertThat(run("--train-limit", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("'-1' is not a whole number from 0 to 2147483647");
        assertThat(run("--test-limit", "ten")).isEqualTo(2);
        assertThat(err.toString()).contains("'ten' is not a whole number from 0 to 2147483647");
        assertThat(probe.config).isNull();
    }

    @Test
    void dataDirWithTheDemoSetIsAUsageError() {
        assertThat(run("--dataset", "demo", "--data-dir", "/data")).isEqualTo(2);
        assertThat(err.toString()).startsWith("irprune: invalid data options: a data folder does not apply to the"
                + " bundled demo set");
    }

    @Test
    void helpListsTheDataSetsAndDefaults() {
        String help = new CommandLine(new Probe()).getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("\\s+", " ");
        assertThat(help).contains("--dataset=NAME", "cifar10, fashion-mnist, mnist, demo", "(default: cifar10)",
                "--data-dir=DIR", "--train-limit=N", "--test-limit=N", "dataset-fashion-mnist");
    }
}
