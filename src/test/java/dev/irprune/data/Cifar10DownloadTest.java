package dev.irprune.data;

import static dev.irprune.data.TestFiles.cifarBatch;
import static dev.irprune.data.TestFiles.md5;
import static dev.irprune.data.TestFiles.tarGz;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import dev.irprune.data.TestFiles.Entry;
import dev.irprune.io.InputException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The downloader end to end, against archives built here and served from 127.0.0.1 or a file: URL. */
@Tag("fast")
class Cifar10DownloadTest {
    @TempDir static Path archives;
    @TempDir Path dir;

    private static HttpServer server;
    private static Path fullArchive;

    @BeforeAll
    static void serveArchives() throws IOException {
        // the real layout and sizes: six batches of 10,000 records, mostly zeros, so the archive is small
        List<Entry> entries = new ArrayList<>();
        entries.add(Entry.dir("cifar-10-batches-bin/"));
        for (int i = 0; i < 6; i++) {
            entries.add(new Entry("cifar-10-batches-bin/" + Cifar10.FILES.get(i), cifarBatch(10_000, i)));
        }
        entries.add(new Entry("cifar-10-batches-bin/batches.meta.txt", "airplane\n".getBytes()));
        fullArchive = tarGz(archives.resolve("cifar-10-binary.tar.gz"), entries);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Path file = archives.resolve(exchange.getRequestURI().getPath().substring(1));
            if (!Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            exchange.sendResponseHeaders(200, Files.size(file));
            try (OutputStream out = exchange.getResponseBody()) {
                Files.copy(file, out);
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static URI http(String name) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + name);
    }

    private static List<Path> listing(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(Path::getFileName).sorted().toList();
        }
    }

    @Test
    void downloadsChecksExtractsAndLoads() throws IOException {
        Cifar10Download download = new Cifar10Download(http("cifar-10-binary.tar.gz"), md5(fullArchive));
        DataSplit split = Datasets.load(new DataConfig(DatasetName.CIFAR10, dir, 0, 0), download);
        assertThat(split.name()).isEqualTo("cifar10");
        assertThat(split.source()).isEqualTo(dir.toString());
        assertThat(split.train().size()).isEqualTo(50_000);
        assertThat(split.test().size()).isEqualTo(10_000);
        assertThat(split.train().imageBytes()).isEqualTo(3072);
        // batch i, record r has label (i + r) % 10; image 10,001 is batch 2, record 1
        assertThat(split.train().label(10_001)).isEqualTo(2);
        assertThat(split.test().label(3)).isEqualTo(8);
        assertThat(split.train().labelCounts(10)).containsOnly(5_000);
        assertThat(split.train().pixels()[10_001 * 3072 + 1024]).isEqualTo((byte) 100);
        // exactly the six files, no temporary files left
        assertThat(listing(dir)).map(Path::toString).containsExactlyElementsOf(
                Cifar10.FILES.stream().sorted().toList());
        assertThat(Files.size(dir.resolve("data_batch_3.bin"))).isEqualTo(30_730_000L);
        long start = System.nanoTime();
        ImageSet train = Cifar10.readTrain(dir);
        ImageSet test = Cifar10.readTest(dir);
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("CIFAR-10 (50,000 + 10,000 images) read in " + ms + " ms");
        assertThat(train.labels()).containsExactly(split.train().labels());
        assertThat(test.size()).isEqualTo(10_000);
    }

    @Test
    void checksumMismatchLeavesNothing() {
        Path target = dir.resolve("cifar10");
        Cifar10Download download = new Cifar10Download(fullArchive.toUri(), "0123456789abcdef0123456789abcdef");
        assertThatThrownBy(() -> download.downloadInto(target))
                .isInstanceOf(InputException.class)
                .hasMessage(fullArchive.toUri() + ": checksum mismatch: MD5 " + md5(fullArchive)
                        + ", expected 0123456789abcdef0123456789abcdef");
        assertThat(target).doesNotExist();
    }

    @Test
    void entryThatClimbsOutIsRefused() throws IOException {
        Path archive = tarGz(archives.resolve("climb.tar.gz"), List.of(
                new Entry("cifar-10-batches-bin/data_batch_1.bin", new byte[10]),
                new Entry("../evil", "x".getBytes())));
        Cifar10Download download = new Cifar10Download(http("climb.tar.gz"), md5(archive));
        assertThatThrownBy(() -> download.downloadInto(dir))
                .isInstanceOf(InputException.class)
                .hasMessage(http("climb.tar.gz") + ": unsafe archive entry '../evil' would land outside the target folder");
        assertThat(listing(dir)).isEmpty();
        assertThat(dir.resolveSibling("evil")).doesNotExist();
    }

    @Test
    void absoluteEntryIsRefused() throws IOException {
        Path evil = archives.resolve("absolute-evil");
        Path archive = tarGz(archives.resolve("absolute.tar.gz"), List.of(new Entry(evil.toString(), "x".getBytes())));
        Cifar10Download download = new Cifar10Download(archive.toUri(), md5(archive));
        assertThatThrownBy(() -> download.downloadInto(dir))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("unsafe archive entry '" + evil + "'");
        assertThat(evil).doesNotExist();
        assertThat(listing(dir)).isEmpty();
    }

    @Test
    void archiveWithoutAllSixFilesIsRefused() throws IOException {
        Path archive = tarGz(archives.resolve("partial.tar.gz"), List.of(
                new Entry("cifar-10-batches-bin/data_batch_1.bin", new byte[10])));
        Cifar10Download download = new Cifar10Download(archive.toUri(), md5(archive));
        assertThatThrownBy(() -> download.downloadInto(dir))
                .hasMessage(archive.toUri() + ": wrong file size of cifar-10-batches-bin/data_batch_1.bin: 10 bytes,"
                        + " expected 30730000");
        Path empty = tarGz(archives.resolve("empty.tar.gz"), List.of(Entry.dir("cifar-10-batches-bin/")));
        Cifar10Download none = new Cifar10Download(empty.toUri(), md5(empty));
        assertThatThrownBy(() -> none.downloadInto(dir))
                .hasMessage(empty.toUri() + ": the archive lacks cifar-10-batches-bin/data_batch_1.bin");
        assertThat(listing(dir)).isEmpty();
    }

    @Test
    void offlineSaysWhatIsMissingWhereItGoesAndWhereToGetIt() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + closedPort + "/cifar-10-binary.tar.gz");
        Path target = dir.resolve("cache").resolve("cifar10");
        Files.createDirectories(target);
        Files.write(target.resolve("test_batch.bin"), new byte[1]);
        Cifar10Download download = new Cifar10Download(url, Cifar10Download.OFFICIAL_MD5);
        long start = System.nanoTime();
        assertThatThrownBy(() -> Datasets.load(new DataConfig(DatasetName.CIFAR10, target, 0, 0), download))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith(target + ": missing CIFAR-10 files data_batch_1.bin, data_batch_2.bin,"
                        + " data_batch_3.bin, data_batch_4.bin, data_batch_5.bin, and the download from " + url
                        + " failed (ConnectException")
                .hasMessageEndingWith("); get " + url + " (MD5 c32a1d4ab5d03f1284b67883e8d87530) and put the six .bin"
                        + " files from its folder cifar-10-batches-bin into " + target
                        + ", or pass --data-dir with a folder that has them")
                .message().doesNotContain("\n");
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
        assertThat(listing(target)).map(Path::toString).containsExactly("test_batch.bin");
    }

    @Test
    void httpErrorIsReportedLikeOffline() {
        Path target = dir.resolve("new");
        Cifar10Download download = new Cifar10Download(http("no-such-archive.tar.gz"), Cifar10Download.OFFICIAL_MD5);
        assertThatThrownBy(() -> download.downloadInto(target))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("failed (HTTP status 404)")
                .hasMessageContaining("missing CIFAR-10 files data_batch_1.bin");
        assertThat(target).doesNotExist();
    }

    @Test
    void officialSourceByDefault() {
        Cifar10Download download = new Cifar10Download();
        assertThat(download.url()).hasToString("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz");
        assertThat(download.md5()).isEqualTo("c32a1d4ab5d03f1284b67883e8d87530");
        assertThatThrownBy(() -> new Cifar10Download(URI.create("ftp://x/y"), Cifar10Download.OFFICIAL_MD5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Cifar10Download(URI.create("http://x/y"), "abc"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A server that sends the headers and the first 64 KiB of the archive, then nothing, until released. */
    private static HttpServer stallingServer(java.util.concurrent.CountDownLatch release) throws IOException {
        HttpServer stalling = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stalling.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "stalling-server");
            t.setDaemon(true);
            return t;
        }));
        stalling.createContext("/", exchange -> {
            byte[] archive = Files.readAllBytes(fullArchive);
            exchange.sendResponseHeaders(200, archive.length);
            OutputStream out = exchange.getResponseBody();
            out.write(archive, 0, 1 << 16);
            out.flush();
            try {
                release.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        stalling.start();
        return stalling;
    }

    @Test
    void aServerThatStallsMidBodyFailsAfterTheStallTimeoutAndLeavesNothing() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        HttpServer stalling = stallingServer(release);
        try {
            URI url = URI.create("http://127.0.0.1:" + stalling.getAddress().getPort() + "/cifar-10-binary.tar.gz");
            Path target = dir.resolve("stalled");
            Cifar10Download download = new Cifar10Download(url, md5(fullArchive), java.time.Duration.ofMillis(300));
            long start = System.nanoTime();
            assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> assertThatThrownBy(() -> download.downloadInto(target))
                    .isInstanceOf(InputException.class)
                    .hasMessageContaining("missing CIFAR-10 files data_batch_1.bin")
                    .hasMessageContaining("failed (no data for 0.3 s after 65536 of " + Files.size(fullArchive) + " bytes)")
                    .message().doesNotContain("\n"));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(ms).isGreaterThanOrEqualTo(300).isLessThan(10_000);
            assertThat(target).doesNotExist();
        } finally {
            release.countDown();
            stalling.stop(0);
        }
    }

    @Test
    void theStallTimeoutIsAMinuteByDefaultAndMustBePositive() {
        assertThat(Cifar10Download.STALL_TIMEOUT).isEqualTo(java.time.Duration.ofSeconds(60));
        assertThatThrownBy(() -> new Cifar10Download(URI.create("http://x/y"), Cifar10Download.OFFICIAL_MD5,
                java.time.Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFolderThatTakesNoFilesIsReportedLikeOffline() throws IOException {
        Path target = dev.irprune.TestFolders.unwritable(dir).resolve("cifar10");
        Cifar10Download download = new Cifar10Download(http("cifar-10-binary.tar.gz"), md5(fullArchive));
        assertThatThrownBy(() -> download.downloadInto(target))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith(target + ": missing CIFAR-10 files data_batch_1.bin")
                .hasMessageContaining("failed (cannot write into " + target + ": ");
        assertThat(target).doesNotExist();
    }
}
