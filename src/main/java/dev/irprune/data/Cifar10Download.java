package dev.irprune.data;

import dev.irprune.io.AtomicFiles;
import dev.irprune.io.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the CIFAR-10 binary archive, checks its MD5, extracts it safely and moves the six batch
 * files into a folder. The archive and the extraction live in hidden temporary files beside the
 * target and are deleted whatever happens, so a failure leaves no partial files.
 *
 * <p>Nothing waits forever: connecting may take {@link #CONNECT_TIMEOUT}, the response headers
 * {@link #RESPONSE_TIMEOUT}, and every read of the body {@link #STALL_TIMEOUT} (or the stall
 * timeout given): a server that stops sending mid-body ends the download with the usual one-line
 * "download failed" message, saying how long nothing came and how many bytes had.
 */
public final class Cifar10Download {
    private static final Logger log = LoggerFactory.getLogger(Cifar10Download.class);

    /** The official archive on the CIFAR-10 site. */
    public static final URI OFFICIAL_URL = URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz");
    /** MD5 of the official archive, as published on the CIFAR-10 site. */
    public static final String OFFICIAL_MD5 = "c32a1d4ab5d03f1284b67883e8d87530";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);
    /** Longest wait for the next bytes of the body before the download fails. */
    public static final Duration STALL_TIMEOUT = Duration.ofSeconds(60);
    private static final int BUFFER = 1 << 16;
    /** Progress is logged every tenth of the archive, but not more often than every this many bytes. */
    private static final long PROGRESS_STEP = 8L << 20;

    private final URI url;
    private final String md5;
    private final Duration stallTimeout;

    /** The official archive and checksum. */
    public Cifar10Download() {
        this(OFFICIAL_URL, OFFICIAL_MD5);
    }

    /** Another source of the same archive: an http, https or file URL and its MD5 in hex. */
    public Cifar10Download(URI url, String md5) {
        this(url, md5, STALL_TIMEOUT);
    }

    /**
     * As {@link #Cifar10Download(URI, String)}, failing when a read of the body gets no data for
     * {@code stallTimeout} (positive).
     */
    public Cifar10Download(URI url, String md5, Duration stallTimeout) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!List.of("http", "https", "file").contains(scheme)) {
            throw new IllegalArgumentException("unsupported URL " + url + ": expected http, https or file");
        }
        if (md5 == null || !md5.matches("[0-9a-fA-F]{32}")) {
            throw new IllegalArgumentException("MD5 must be 32 hex digits, got " + md5);
        }
        if (stallTimeout == null || stallTimeout.isNegative() || stallTimeout.isZero()) {
            throw new IllegalArgumentException("the stall timeout must be positive, got " + stallTimeout);
        }
        this.url = url;
        this.md5 = md5.toLowerCase(Locale.ROOT);
        this.stallTimeout = stallTimeout;
    }

    public URI url() {
        return url;
    }

    public String md5() {
        return md5;
    }

    /** Downloads, checks and extracts the archive, then moves the six batch files into {@code dir}. */
    public void downloadInto(Path dir) {
        List<String> missing = Cifar10.missingFiles(dir);
        boolean created = !Files.isDirectory(dir);
        boolean finished = false;
        Path archive = null;
        Path work = null;
        try {
            Files.createDirectories(dir);
            archive = Files.createTempFile(dir, ".cifar-10-binary.", ".tar.gz.tmp");
            log.info("Downloading CIFAR-10 from {} into {}", url, dir);
            String actual = fetch(archive, dir, missing);
            if (!actual.equals(md5)) {
                throw new InputException(url + ": checksum mismatch: MD5 " + actual + ", expected " + md5);
            }
            log.info("MD5 {} is correct; extracting", actual);
            work = Files.createTempDirectory(dir, ".cifar-10-extract.");
            TarGz.extract(archive, work, url.toString());
            Path extracted = work.resolve(Cifar10.ARCHIVE_FOLDER);
            for (String name : Cifar10.FILES) {
                Path file = extracted.resolve(name);
                String entry = Cifar10.ARCHIVE_FOLDER + "/" + name;
                if (!Files.isRegularFile(file)) {
                    throw new InputException(url + ": the archive lacks " + entry);
                }
                if (Files.size(file) != Cifar10.FILE_BYTES) {
                    throw new InputException(url + ": wrong file size of " + entry + ": " + Files.size(file)
                            + " bytes, expected " + Cifar10.FILE_BYTES);
                }
            }
            for (String name : Cifar10.FILES) {
                AtomicFiles.move(extracted.resolve(name), dir.resolve(name));
            }
            finished = true;
            log.info("CIFAR-10 is ready in {}", dir);
        } catch (IOException e) {
            String why = AtomicFiles.unwritable(e);
            if (why != null) {
                throw offline(dir, missing, "cannot write into " + dir + ": " + why);
            }
            throw new UncheckedIOException("cannot store CIFAR-10 in " + dir + ": " + e.getMessage(), e);
        } finally {
            TarGz.deleteQuietly(archive);
            TarGz.deleteTreeQuietly(work);
            if (created && !finished) {
                try {
                    Files.deleteIfExists(dir);
                } catch (DirectoryNotEmptyException e) {
                    // someone else put files there meanwhile: leave them
                } catch (IOException e) {
                    log.debug("cannot remove {}: {}", dir, e.toString());
                }
            }
        }
    }

    /** Streams the archive into {@code archive} and returns its MD5 in hex. */
    private String fetch(Path archive, Path dir, List<String> missing) throws IOException {
        MessageDigest digest = newMd5();
        Source source = open(dir, missing);
        try (InputStream in = new StallGuard(source.in(), stallTimeout); OutputStream out = Files.newOutputStream(archive)) {
            byte[] buffer = new byte[BUFFER];
            long done = 0;
            long step = Math.max(PROGRESS_STEP, source.length() / 10);
            long nextLog = step;
            while (true) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (StallGuard.Stalled e) {
                    throw offline(dir, missing, "no data for " + seconds(stallTimeout) + " s after " + done
                            + (source.length() >= 0 ? " of " + source.length() : "") + " bytes");
                } catch (IOException e) {
                    throw offline(dir, missing, describe(e));
                }
                if (n < 0) {
                    break;
                }
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
                done += n;
                if (done >= nextLog) {
                    if (source.length() > 0) {
                        log.info("  {}% ({} of {} MB)", 100 * done / source.length(), megabytes(done),
                                megabytes(source.length()));
                    } else {
                        log.info("  {} MB", megabytes(done));
                    }
                    nextLog += step;
                }
            }
            if (source.length() >= 0 && done != source.length()) {
                throw offline(dir, missing, "the transfer ended after " + done + " of " + source.length() + " bytes");
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private record Source(InputStream in, long length) {}

    private Source open(Path dir, List<String> missing) {
        if ("file".equalsIgnoreCase(url.getScheme())) {
            try {
                Path file = Path.of(url);
                return new Source(Files.newInputStream(file), Files.size(file));
            } catch (IOException | RuntimeException e) {
                throw offline(dir, missing, describe(e));
            }
        }
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(RESPONSE_TIMEOUT).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw offline(dir, missing, describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw offline(dir, missing, "interrupted");
        }
        if (response.statusCode() != 200) {
            try {
                response.body().close();
            } catch (IOException ignored) {
                // the status already says what went wrong
            }
            throw offline(dir, missing, "HTTP status " + response.statusCode());
        }
        return new Source(response.body(), response.headers().firstValueAsLong("Content-Length").orElse(-1));
    }

    /** The one-line message for a download that could not happen: what is missing, where it goes, where to get it. */
    private InputException offline(Path dir, List<String> missing, String reason) {
        return new InputException(dir + ": missing CIFAR-10 file" + (missing.size() == 1 ? " " : "s ")
                + String.join(", ", missing) + ", and the download from " + url + " failed (" + reason
                + "); get " + url + " (MD5 " + md5 + ") and put the six .bin files from its folder "
                + Cifar10.ARCHIVE_FOLDER + " into " + dir + ", or pass --data-dir with a folder that has them");
    }

    private static String seconds(Duration d) {
        return java.math.BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString();
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1e6);
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        String text = e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
        return text.replaceAll("\\s+", " ").trim();
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no MD5", e);
        }
    }
}
