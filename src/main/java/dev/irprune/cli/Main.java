package dev.irprune.cli;

import picocli.CommandLine;

/** Entry point of the {@code irprune} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (java.util.Arrays.asList(args).contains("--verbose")) {
            System.setProperty("org.slf4j.simpleLogger.log.dev.irprune", "debug");
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        }
        // picocli looks for Groovy's Closure class when its factory is first used (annotations may
        // name closures): a class no jar has, so the class loader opens every jar on the class
        // path (35 in target/lib) to find it missing, about 20 ms of every run's start. IRPrune's
        // annotations name none. The documented switch (picocli 4.7) turns the lookup off.
        if (System.getProperty("picocli.disable.closures") == null) {
            System.setProperty("picocli.disable.closures", "true");
        }
        dev.irprune.run.Interrupts.install();
        int exit;
        try {
            exit = commandLine(args).execute(args);
        } catch (OutOfMemoryError e) {
            System.err.println("irprune: failed: out of memory; give Java more with IRPRUNE_JAVA_OPTS=-Xmx<size>, e.g. -Xmx16g");
            exit = ErrorHandler.FAILURE;
        }
        System.exit(exit);
    }

    /** The configured command line with every subcommand, also used by tests through {@code execute()}. */
    public static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The configured command line for {@code args}: when the first argument names a subcommand,
     * only that one is built (the others' models are never made), otherwise all of them, so that
     * help, usage errors and suggestions list every command.
     */
    public static CommandLine commandLine(String[] args) {
        CommandLine cli = new CommandLine(new IrpruneCommand());
        if (args.length > 0 && IrpruneCommand.COMMANDS.containsKey(args[0])) {
            cli.addSubcommand(args[0], IrpruneCommand.COMMANDS.get(args[0]).get());
        } else {
            IrpruneCommand.COMMANDS.forEach((name, command) -> cli.addSubcommand(name, command.get()));
        }
        ErrorHandler handler = new ErrorHandler();
        cli.setExecutionExceptionHandler(handler);
        cli.setParameterExceptionHandler(handler);
        return cli;
    }
}
