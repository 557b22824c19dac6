package dev.irprune.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Tag("fast")
class CsvMatrixTest {

    private static double[][] parse(String text) throws IOException {
        return CsvMatrix.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "m.csv");
    }

    @Test
    void readsRowsWithAnyLineEndingAndBlanksAroundCells() throws IOException {
        double[][] m = parse("\uFEFF1.5,-2,3e2\r\n 0.0000 ,+4.25,.5\n-0.0,7.,1E-3");
        assertThat(m).hasDimensions(3, 3);
        assertThat(m[0]).containsExactly(1.5, -2.0, 300.0);
        assertThat(m[1]).containsExactly(0.0, 4.25, 0.5);
        assertThat(m[2]).containsExactly(-0.0, 7.0, 0.001);
        assertThat(parse("1,2\n3,4\n\n\n")).hasDimensions(2, 2);
    }

    @Test
    void theFastPathGivesTheSameDoublesAsParseDouble() throws IOException {
        SplittableRandom r = new SplittableRandom(21);
        StringBuilder text = new StringBuilder();
        String[] cells = new String[4000];
        for (int k = 0; k < cells.length; k++) {
            int digits = 1 + r.nextInt(17);
            double v = r.nextDouble() * Math.pow(10, r.nextInt(-6, 8));
            cells[k] = switch (k % 4) {
                case 0 -> String.format(Locale.ROOT, "%." + digits + "f", v);
                case 1 -> Double.toString(-v);
                case 2 -> Long.toString(r.nextLong(1L << 60)) + "." + r.nextInt(1000);
                default -> String.format(Locale.ROOT, "%.4f", r.nextDouble() * 10);
            };
            text.append(cells[k]).append(k % 8 == 7 ? "\n" : ",");
        }
        double[][] m = parse(text.toString());
        assertThat(m).hasDimensions(500, 8);
        for (int k = 0; k < cells.length; k++) {
            assertThat(m[k / 8][k % 8]).as(cells[k]).isEqualTo(Double.parseDouble(cells[k]));
        }
    }

    @Test
    void longLinesAcrossTheReadBuffer() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int row = 0; row < 3; row++) {
            for (int j = 0; j < 200_000; j++) {
                text.append(j == 0 ? "" : ",").append(row).append(".25");
            }
            text.append('\n');
        }
        double[][] m = parse(text.toString());
        assertThat(m).hasDimensions(3, 200_000);
        assertThat(m[2][199_999]).isEqualTo(2.25);
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                arguments("1,2\n3,4,5\n", "m.csv: row 2 has 3 cells, expected 2 (as in row 1)"),
                arguments("1,2,3\n4,5\n", "m.csv: row 2 has 2 cells, expected 3 (as in row 1)"),
                arguments("1,2\n3,abc\n", "m.csv: row 2, column 2: 'abc' is not a number"),
                arguments("1,2\n3,1.5d\n", "m.csv: row 2, column 2: '1.5d' is not a number"),
                arguments("1,NaN\n3,4\n", "m.csv: row 1, column 2: 'NaN' is not allowed, values must be finite"),
                arguments("1,2\n-inf,4\n", "m.csv: row 2, column 1: '-inf' is not allowed, values must be finite"),
                arguments("1,2\n3,1e999\n", "m.csv: row 2, column 2: '1e999' is too large, values must be finite"),
                arguments("1,2\n3,\n", "m.csv: row 2, column 2: empty cell"),
                arguments("1,2\n\n3,4\n", "m.csv: row 2 is empty"),
                arguments("\n \n", "m.csv: the file is empty"));
    }

    @ParameterizedTest
    @MethodSource("badInputs")
    void reportsTheFirstBadCell(String text, String message) {
        assertThatThrownBy(() -> parse(text)).isInstanceOf(InputException.class).hasMessage(message);
    }

    @Test
    void fileErrors(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> CsvMatrix.read(dir.resolve("missing.csv"))).isInstanceOf(InputException.class)
                .hasMessageContaining("file not found").hasMessageContaining("missing.csv");
        assertThatThrownBy(() -> CsvMatrix.read(dir)).isInstanceOf(InputException.class).hasMessageContaining("folder");
        Path empty = Files.createFile(dir.resolve("empty.csv"));
        assertThatThrownBy(() -> CsvMatrix.read(empty)).isInstanceOf(InputException.class)
                .hasMessage(empty + ": the file is empty");
        Path ok = Files.writeString(dir.resolve("ok.csv"), "1,2\n3,4\n");
        assertThat(CsvMatrix.read(ok)).isDeepEqualTo(new double[][] {{1, 2}, {3, 4}});
    }

    @Test
    void aRowLongerThanTheBufferCanGrowIsBadInput() throws IOException {
        String row = "1.5,2.5,3.5,4.5,5.5,6.5,7.5,8.5\n"; // 32 bytes
        byte[] ok = (row + row).getBytes(StandardCharsets.UTF_8);
        assertThat(CsvMatrix.read(new ByteArrayInputStream(ok), "m.csv", 32)).hasDimensions(2, 8);
        byte[] long2 = (row + "1.5,2.5,3.5,4.5,5.5,6.5,7.5,8.5,9.5\n").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> CsvMatrix.read(new ByteArrayInputStream(long2), "m.csv", 32))
                .isInstanceOf(InputException.class).hasMessage("m.csv: row 2 is longer than 32 bytes, the most supported");
        assertThat(CsvMatrix.MAX_ROW_BYTES).isEqualTo(Integer.MAX_VALUE - 8);
    }
}
