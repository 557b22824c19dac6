package dev.irprune.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the command line in-process with captured output. */
record Cli(int exit, String out, String err) {
    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Cli(exit, out.toString(), err.toString());
    }

    /** The error output is a single line starting with "irprune:" (plus picocli's usage hint). */
    boolean oneLineError() {
        String first = err.lines().findFirst().orElse("");
        return first.startsWith("irprune: ") && err.lines().filter(l -> !l.startsWith("Try '")).count() == 1
                && !err.contains("\tat ");
    }
}
