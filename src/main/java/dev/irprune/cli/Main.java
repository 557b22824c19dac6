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
        dev.irprune.run.Interrupts.install();
        int exit;
        try {
            exit = commandLine().execute(args);
        } catch (OutOfMemoryError e) {
            System.err.println("irprune: failed: out of memory; give Java more with IRPRUNE_JAVA_OPTS=-Xmx<size>, e.g. -Xmx16g");
            exit = ErrorHandler.FAILURE;
        }
        System.exit(exit);
    }

    /** The configured command line, also used by tests through {@code execute()}. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new IrpruneCommand());
        ErrorHandler handler = new ErrorHandler();
        cli.setExecutionExceptionHandler(handler);
        cli.setParameterExceptionHandler(handler);
        return cli;
    }
}
