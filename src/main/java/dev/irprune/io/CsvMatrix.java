package dev.irprune.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a matrix of finite decimals from a CSV file: comma-separated, no header, one row a line
 * (LF or CRLF), blanks around cells ignored. The first bad cell is reported with its row and
 * column (1-based) as an {@link InputException}.
 *
 * <p>Plain decimals whose digits make an integer below 2^53 (e.g. up to 15 digits) are converted
 * where they stand, in one pass over the row: one exact integer, one division by an exact power
 * of ten, hence the same double as {@link Double#parseDouble}. Anything else goes through
 * {@link Double#parseDouble} after a strict syntax check.
 */
public final class CsvMatrix {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NON_FINITE = Pattern.compile("(?i)[+-]?(nan|inf|infinity)");
    private static final double[] POW10 = new double[23];
    private static final long EXACT_LIMIT = 1L << 53;
    /** The longest row: the largest byte array a JVM allocates. */
    static final int MAX_ROW_BYTES = Integer.MAX_VALUE - 8;

    static {
        POW10[0] = 1;
        for (int k = 1; k < POW10.length; k++) {
            POW10[k] = POW10[k - 1] * 10;
        }
    }

    private final String source;
    private final int maxRowBytes;
    private byte[] buf;
    private int start;
    private int end;
    private boolean eof;
    /** Where the cell read by {@link #fastCell} ends. */
    private int next;

    private CsvMatrix(String source, int maxRowBytes) {
        this.source = source;
        this.maxRowBytes = maxRowBytes;
        this.buf = new byte[Math.min(1 << 20, maxRowBytes)];
    }

    /** The rows of the file, each of the same length. At least one row, else an error. */
    public static double[][] read(Path file) {
        if (Files.isDirectory(file)) {
            throw new InputException(file + " is a folder, not a CSV file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return new CsvMatrix(file.toString(), MAX_ROW_BYTES).parse(in);
        } catch (NoSuchFileException e) {
            throw new InputException("file not found: " + file, e);
        } catch (AccessDeniedException e) {
            throw new InputException("cannot read " + file + ": permission denied", e);
        } catch (IOException e) {
            throw new InputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a CSV matrix from a stream; {@code source} names it in error messages. */
    public static double[][] read(InputStream in, String source) throws IOException {
        return read(in, source, MAX_ROW_BYTES);
    }

    /** As {@link #read(InputStream, String)}, with rows of at most {@code maxRowBytes} bytes (line end included). */
    static double[][] read(InputStream in, String source, int maxRowBytes) throws IOException {
        return new CsvMatrix(source, maxRowBytes).parse(in);
    }

    private double[][] parse(InputStream in) throws IOException {
        List<double[]> rows = new ArrayList<>();
        int columns = -1;
        int line = 0;
        int firstBlank = 0;
        int lineEnd;
        while ((lineEnd = nextLine(in, line + 1)) >= 0) {
            line++;
            int s = start;
            int e = lineEnd;
            start = Math.min(lineEnd + 1, end);
            if (line == 1 && e - s >= 3 && buf[s] == (byte) 0xEF && buf[s + 1] == (byte) 0xBB && buf[s + 2] == (byte) 0xBF) {
                s += 3;
            }
            if (e > s && buf[e - 1] == '\r') {
                e--;
            }
            if (isBlank(s, e)) {
                firstBlank = firstBlank == 0 ? line : firstBlank;
                continue;
            }
            if (firstBlank != 0) {
                throw new InputException(source + ": row " + firstBlank + " is empty");
            }
            if (columns < 0) {
                columns = countCells(s, e);
            }
            rows.add(parseRow(s, e, line, columns));
        }
        if (rows.isEmpty()) {
            throw new InputException(source + ": the file is empty");
        }
        return rows.toArray(new double[0][]);
    }

    /**
     * Index of the next line's end (its LF, or the end of input) from {@code start}; -1 at EOF. A
     * row longer than the buffer can grow is an {@link InputException} naming it ({@code line}).
     */
    private int nextLine(InputStream in, int line) throws IOException {
        int scan = start;
        while (true) {
            for (int k = scan; k < end; k++) {
                if (buf[k] == '\n') {
                    return k;
                }
            }
            if (eof) {
                return start < end ? end : -1;
            }
            scan = end - start;
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                start = 0;
            } else if (end == buf.length) {
                if (buf.length == maxRowBytes) {
                    throw new InputException(source + ": row " + line + " is longer than " + maxRowBytes
                            + " bytes, the most supported");
                }
                buf = Arrays.copyOf(buf, (int) Math.min(maxRowBytes, 2L * buf.length));
            }
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) {
                eof = true;
            } else {
                end += n;
            }
        }
    }

    private boolean isBlank(int s, int e) {
        for (int k = s; k < e; k++) {
            if (buf[k] != ' ' && buf[k] != '\t') {
                return false;
            }
        }
        return true;
    }

    private int countCells(int s, int e) {
        int n = 1;
        for (int k = s; k < e; k++) {
            if (buf[k] == ',') {
                n++;
            }
        }
        return n;
    }

    /** One pass over the row: each cell parsed where it stands (fast path) or cut out (slow path). */
    private double[] parseRow(int s, int e, int line, int columns) {
        double[] row = new double[columns];
        int p = s;
        for (int col = 0; ; col++) {
            if (col == columns) {
                throw ragged(line, countCells(s, e), columns);
            }
            double v = fastCell(p, e);
            int cellEnd = next;
            if (Double.isNaN(v)) {
                cellEnd = p;
                while (cellEnd < e && buf[cellEnd] != ',') {
                    cellEnd++;
                }
                v = parseCell(p, cellEnd, line, col + 1);
            }
            row[col] = v;
            if (cellEnd >= e) {
                if (col + 1 != columns) {
                    throw ragged(line, col + 1, columns);
                }
                return row;
            }
            p = cellEnd + 1;
        }
    }

    private InputException ragged(int line, int cells, int columns) {
        return new InputException(source + ": row " + line + " has " + cells + " cells, expected " + columns
                + " (as in row 1)");
    }

    private double parseCell(int s, int e, int line, int col) {
        while (s < e && (buf[s] == ' ' || buf[s] == '\t')) {
            s++;
        }
        while (e > s && (buf[e - 1] == ' ' || buf[e - 1] == '\t')) {
            e--;
        }
        String text = new String(buf, s, e - s, StandardCharsets.UTF_8);
        String where = source + ": row " + line + ", column " + col + ": ";
        if (text.isEmpty()) {
            throw new InputException(where + "empty cell");
        }
        if (NON_FINITE.matcher(text).matches()) {
            throw new InputException(where + "'" + text + "' is not allowed, values must be finite");
        }
        if (!DECIMAL.matcher(text).matches()) {
            throw new InputException(where + "'" + shorten(text) + "' is not a number");
        }
        double v = Double.parseDouble(text);
        if (Double.isInfinite(v)) {
            throw new InputException(where + "'" + shorten(text) + "' is too large, values must be finite");
        }
        return v;
    }

    /**
     * A plain decimal cell ([+-]digits[.digits], blanks around it) starting at {@code p}, read
     * exactly when its digits make an integer below 2^53; {@link #next} is then the index of the
     * comma or line end after it. Anything else gives NaN, for the slow path.
     */
    private double fastCell(int p, int e) {
        byte[] b = buf;
        while (p < e && (b[p] == ' ' || b[p] == '\t')) {
            p++;
        }
        boolean negative = false;
        if (p < e && (b[p] == '-' || b[p] == '+')) {
            negative = b[p] == '-';
            p++;
        }
        long mantissa = 0;
        int digits = 0;
        int fraction = -1;
        for (; p < e; p++) {
            int ch = b[p];
            if (ch >= '0' && ch <= '9') {
                if (++digits > 18) {
                    return Double.NaN;
                }
                mantissa = mantissa * 10 + (ch - '0');
                if (fraction >= 0) {
                    fraction++;
                }
            } else if (ch == '.' && fraction < 0) {
                fraction = 0;
            } else {
                break;
            }
        }
        while (p < e && (b[p] == ' ' || b[p] == '\t')) {
            p++;
        }
        if ((p < e && b[p] != ',') || digits == 0 || mantissa >= EXACT_LIMIT || fraction >= POW10.length) {
            return Double.NaN;
        }
        next = p;
        double v = fraction > 0 ? mantissa / POW10[fraction] : (double) mantissa;
        return negative ? -v : v;
    }

    /** At most 24 characters, with control and other unprintable characters shown as \\uXXXX. */
    private static String shorten(String text) {
        String t = text.length() <= 24 ? text : text.substring(0, 21) + "...";
        StringBuilder sb = new StringBuilder(t.length());
        t.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || !Character.isDefined(c)) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }
}
