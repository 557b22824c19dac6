package dev.irprune.cli;

import picocli.CommandLine.Option;

/** Options every subcommand takes. */
final class CommonOptions {
    @Option(names = "--verbose", description = "Print debug logs, and a stack trace on failure.")
    boolean verbose;
}
