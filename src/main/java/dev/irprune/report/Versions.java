package dev.irprune.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Versions of IRPrune and of the libraries it runs on, as built. */
public record Versions(String irprune, String djl, String pytorch, String java) {

    public static Versions current() {
        Properties p = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("/dev/irprune/versions.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Versions(
                p.getProperty("irprune", "unknown"),
                p.getProperty("djl", "unknown"),
                p.getProperty("pytorch", "unknown"),
                System.getProperty("java.version"));
    }
}
