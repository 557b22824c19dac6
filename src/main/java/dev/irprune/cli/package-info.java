/** The picocli commands: options become a config record, then one library call. */
package dev.irprune.cli;
