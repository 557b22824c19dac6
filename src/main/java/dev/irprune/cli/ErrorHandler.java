package dev.irprune.cli;

import dev.irprune.io.InputException;
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
        boolean badInput = cause instanceof InputException;
        err.println("irprune: " + (badInput ? "" : "failed: ") + message(cause));
        if (verbose(parsed)) {
            cause.printStackTrace(err);
        }
        err.flush();
        return badInput ? BAD_INPUT : FAILURE;
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
