package dev.irprune.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The root command: only lists the subcommands. */
@Command(
        name = "irprune",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Prunes convolutional networks by filter importance and redundancy.",
        subcommands = {
            SummaryCommand.class,
            TrainCommand.class,
            EvalCommand.class,
            SelectCommand.class,
            PruneCommand.class,
            DemoCommand.class,
            ApplyCommand.class,
            SweepCommand.class,
            ImportCommand.class,
            ExportCommand.class,
        })
public final class IrpruneCommand implements Runnable {
    @Spec CommandSpec spec;
    @picocli.CommandLine.Mixin CommonOptions common;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required");
    }
}
