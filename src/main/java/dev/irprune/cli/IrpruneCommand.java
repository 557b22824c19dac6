package dev.irprune.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The root command: only lists the subcommands. They are added by {@link Main}, all of them or
 * only the one a command line names: picocli builds each command's model by reflection, which took
 * half of a small {@code irprune select} run when it built all of them.
 */
@Command(
        name = "irprune",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Prunes convolutional networks by filter importance and redundancy.")
public final class IrpruneCommand implements Runnable {
    /** The subcommands by name, in the order help lists them. */
    static final Map<String, Supplier<Object>> COMMANDS = commands();

    private static Map<String, Supplier<Object>> commands() {
        Map<String, Supplier<Object>> c = new LinkedHashMap<>();
        c.put("summary", SummaryCommand::new);
        c.put("train", TrainCommand::new);
        c.put("eval", EvalCommand::new);
        c.put("select", SelectCommand::new);
        c.put("prune", PruneCommand::new);
        c.put("demo", DemoCommand::new);
        c.put("apply", ApplyCommand::new);
        c.put("sweep", SweepCommand::new);
        c.put("import", ImportCommand::new);
        c.put("export", ExportCommand::new);
        return Collections.unmodifiableMap(c);
    }

    @Spec CommandSpec spec;
    @picocli.CommandLine.Mixin CommonOptions common;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required");
    }
}
