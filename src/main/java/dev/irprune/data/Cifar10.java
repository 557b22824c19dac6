package dev.irprune.data;

import dev.irprune.io.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CIFAR-10, official binary version: {@code data_batch_1.bin} … {@code data_batch_5.bin} and
 * {@code test_batch.bin}, each 10,000 records of 1 label byte and 3,072 pixel bytes (the R, G and
 * B planes of a 32×32 image), which is already the (C, H, W) layout of {@link ImageSet}.
 */
public final class Cifar10 {
    public static final List<String> TRAIN_FILES = List.of(
            "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
    public static final String TEST_FILE = "test_batch.bin";
    /** All six files, training batches first. */
    public static final List<String> FILES = List.of(
            "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin",
            TEST_FILE);
    /** The folder inside the official archive that holds the files. */
    public static final String ARCHIVE_FOLDER = "cifar-10-batches-bin";
    public static final int CHANNELS = 3;
    public static final int SIZE = 32;
    public static final int CLASSES = 10;
    public static final int IMAGE_BYTES = CHANNELS * SIZE * SIZE;
    public static final int RECORD_BYTES = 1 + IMAGE_BYTES;
    public static final int RECORDS_PER_FILE = 10_000;
    public static final long FILE_BYTES = (long) RECORDS_PER_FILE * RECORD_BYTES;

    private Cifar10() {}

    /** The 50,000 training images of the files in {@code dir}. */
    public static ImageSet readTrain(Path dir) {
        List<Path> files = new ArrayList<>();
        for (String name : TRAIN_FILES) {
            files.add(dir.resolve(name));
        }
        return readBatches(files, RECORDS_PER_FILE);
    }

    /** The 10,000 test images of the file in {@code dir}. */
    public static ImageSet readTest(Path dir) {
        return readBatches(List.of(dir.resolve(TEST_FILE)), RECORDS_PER_FILE);
    }

    /** The names of the six files that {@code dir} lacks (all six if it does not exist). */
    public static List<String> missingFiles(Path dir) {
        List<String> missing = new ArrayList<>();
        for (String name : FILES) {
            if (!Files.isRegularFile(dir.resolve(name))) {
                missing.add(name);
            }
        }
        return missing;
    }

    /**
     * The folder holding the six files: {@code dir} itself, or its {@code cifar-10-batches-bin}
     * subfolder (as the archive extracts); null if neither has all six.
     */
    public static Path locate(Path dir) {
        if (missingFiles(dir).isEmpty()) {
            return dir;
        }
        Path sub = dir.resolve(ARCHIVE_FOLDER);
        return missingFiles(sub).isEmpty() ? sub : null;
    }

    /**
     * The folder holding the six files ({@link #locate}); if they are missing, {@code download}
     * fetches them into {@code dir} first.
     */
    public static Path ensure(Path dir, Cifar10Download download) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InputException(dir + ": not a folder; CIFAR-10 needs a folder for its six .bin files");
        }
        Path found = locate(dir);
        if (found != null) {
            return found;
        }
        download.downloadInto(dir);
        return dir;
    }

    /** Reads batch files of {@code records} records each, one after another. */
    static ImageSet readBatches(List<Path> files, int records) {
        long fileBytes = (long) records * RECORD_BYTES;
        byte[] buffer = new byte[Math.toIntExact(fileBytes)];
        int total = Math.multiplyExact(files.size(), records);
        byte[] pixels = new byte[Math.multiplyExact(total, IMAGE_BYTES)];
        int[] labels = new int[total];
        int image = 0;
        for (Path file : files) {
            readFile(file, buffer);
            for (int r = 0; r < records; r++, image++) {
                int offset = r * RECORD_BYTES;
                int label = buffer[offset] & 0xFF;
                if (label >= CLASSES) {
                    throw new InputException(file + ": label " + label + " of record " + r + " is outside 0-"
                            + (CLASSES - 1));
                }
                labels[image] = label;
                System.arraycopy(buffer, offset + 1, pixels, image * IMAGE_BYTES, IMAGE_BYTES);
            }
        }
        return new ImageSet(pixels, labels, CHANNELS, SIZE, SIZE);
    }

    /** Fills {@code buffer} with the whole of {@code file}, which must be exactly that long. */
    private static void readFile(Path file, byte[] buffer) {
        String expected = "expected " + buffer.length + " (" + buffer.length / RECORD_BYTES
                + " records of 1 label byte + " + IMAGE_BYTES + " pixel bytes)";
        try {
            long size = Files.size(file);
            if (size != buffer.length) {
                throw new InputException(file + ": wrong file size " + size + " bytes, " + expected);
            }
            try (InputStream in = Files.newInputStream(file)) {
                int got = in.readNBytes(buffer, 0, buffer.length);
                if (got != buffer.length || in.read() != -1) {
                    throw new InputException(file + ": wrong file size (changed while reading), " + expected);
                }
            }
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": missing file");
        } catch (IOException e) {
            throw new InputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }
}
