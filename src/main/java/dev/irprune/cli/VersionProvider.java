package dev.irprune.cli;

import dev.irprune.run.Versions;
import picocli.CommandLine.IVersionProvider;

/** Prints IRPrune's version and the versions of the libraries it runs on. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        Versions v = Versions.current();
        return new String[] {
            "irprune " + v.irprune(),
            "DJL " + v.djl() + ", PyTorch " + v.pytorch() + " (CPU), Java " + v.java()
        };
    }
}
