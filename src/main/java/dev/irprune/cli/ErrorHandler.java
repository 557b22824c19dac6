package dev.irprune.cli;

import dev.irprune.io.InputException;
import dev.irprune.run.RunInterruptedException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one line on stderr. Bad usage and bad input exit with 2, failures
 * while running with 1. A stack trace is printed only with {@code --verbose}.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
    static final int BAD_INPUT = 2;
    static final int FAILURE = 1;
    /** The shell's code for a process stopped by SIGINT (128 + 2). */
    static final int INTERRUPTED = 130;

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cli = ex.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println("irprune: " + ex.getMessage() + " (see '" + cli.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return BAD_INPUT;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, ParseResult parsed) {
        PrintWriter err = cli.getErr();
        Throwable cause = unwrap(ex);
        if (cause instanceof RunInterruptedException) {
            err.println("irprune: interrupted; every file written is whole" + resumeHint(parsed));
            err.flush();
            return INTERRUPTED;
        }
        boolean badInput = cause instanceof InputException;
        err.println("irprune: " + (badInput ? "" : "failed: ") + message(cause));
        if (verbose(parsed)) {
            cause.printStackTrace(err);
        }
        err.flush();
        return badInput ? BAD_INPUT : FAILURE;
    }

    /** How to continue, for commands that can: "; resume with 'irprune prune --resume --out DIR'". */
    private static String resumeHint(ParseResult parsed) {
        ParseResult sub = parsed;
        while (sub.subcommand() != null) {
            sub = sub.subcommand();
        }
        if (!sub.commandSpec().optionsMap().containsKey("--resume")) {
            return "";
        }
        String out = sub.matchedOptionValue("--out", null) instanceof java.nio.file.Path p ? p.toString()
                : String.valueOf(sub.commandSpec().findOption("--out").getValue());
        return "; resume with 'irprune " + sub.commandSpec().name() + " --resume --out " + out + "'";
    }

    private static Throwable unwrap(Throwable t) {
        Throwable cur = t;
        while (!(cur instanceof InputException) && cur.getCause() != null
                && (cur.getMessage() == null || cur instanceof java.lang.reflect.InvocationTargetException)) {
            cur = cur.getCause();
        }
        return cur;
    }

    private static String message(Throwable t) {
        String msg = t.getMessage();
        if (msg == null || msg.isBlank()) {
            msg = t.getClass().getSimpleName();
        }
        return msg.lines().findFirst().orElse(msg);
    }

    static boolean verbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
