package dev.irprune.interop.keras;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irprune.interop.FileErrors;
import dev.irprune.io.InputException;
import io.jhdf.HdfFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A Keras 3 {@code .keras} archive ({@code keras/src/saving/saving_lib.py}, {@code save_model}): a zip
 * holding {@code config.json} (the serialized model), {@code metadata.json} ({@code keras_version},
 * {@code date_saved}) and {@code model.weights.h5} (the Keras 3 weight layout). Archives whose weights
 * are {@code model.weights.npz} are refused.
 */
final class KerasArchive {
    static final String CONFIG = "config.json";
    static final String METADATA = "metadata.json";
    static final String WEIGHTS = "model.weights.h5";
    /** Larger entries are refused rather than read into memory (a zip bomb, or not a model). */
    private static final int MAX_ENTRY = Integer.MAX_VALUE - 64;

    private KerasArchive() {}

    static KerasModel read(Path file) {
        String where = file.toString();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            JsonNode config = KerasFiles.json(text(zip, CONFIG, where), where, CONFIG);
            String version = "";
            if (zip.getEntry(METADATA) != null) {
                version = KerasFiles.json(text(zip, METADATA, where), where, METADATA).path("keras_version").asText("");
            }
            if (zip.getEntry(WEIGHTS) == null) {
                String npz = zip.getEntry("model.weights.npz") != null ? " (its weights are model.weights.npz, which is not supported)" : "";
                throw new InputException(where + ": a .keras archive without " + WEIGHTS + npz);
            }
            try (HdfFile h5 = HdfFile.fromBytes(bytes(zip, WEIGHTS, where))) {
                return KerasFiles.fromHdf5(h5, Optional.of(config), version, where + "!" + WEIGHTS);
            } catch (InputException e) {
                throw e;
            } catch (RuntimeException e) {
                throw KerasFiles.corrupt(where + "!" + WEIGHTS, e);
            }
        } catch (ZipException e) {
            throw new InputException(where + ": not a readable zip (.keras) archive: " + e.getMessage(), e);
        } catch (IOException e) {
            throw FileErrors.unreadable(where, e);
        }
    }

    private static String text(ZipFile zip, String name, String where) throws IOException {
        return new String(bytes(zip, name, where), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ZipFile zip, String name, String where) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw new InputException(where + ": a zip without " + name + ", not a .keras archive");
        }
        try (InputStream in = zip.getInputStream(e)) {
            byte[] b = in.readNBytes(MAX_ENTRY);
            if (in.read() >= 0) {
                throw new InputException(where + ": " + name + " is larger than 2 GiB");
            }
            return b;
        }
    }
}
