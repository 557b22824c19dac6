package dev.irprune.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Versions of IRPrune (and the commit it was built from) and of the libraries it runs on, as built. */
public record Versions(String irprune, String commit, String djl, String pytorch, String java) {

    public static Versions current() {
        Properties p = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("/dev/irprune/versions.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String commit = p.getProperty("commit", "unknown");
        if ("true".equals(p.getProperty("dirty"))) {
            commit += " (with uncommitted changes)";
        }
        return new Versions(
                p.getProperty("irprune", "unknown"),
                commit.startsWith("${") ? "unknown" : commit,
                p.getProperty("djl", "unknown"),
                p.getProperty("pytorch", "unknown"),
                System.getProperty("java.version"));
    }
}
