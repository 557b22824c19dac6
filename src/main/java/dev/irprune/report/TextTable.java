package dev.irprune.report;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table: a header, rows, optional rule lines; text left-aligned, numbers right-aligned. */
public final class TextTable {
    private final List<String[]> rows = new ArrayList<>();
    private final String[] header;

    public TextTable(String... header) {
        this.header = header;
    }

    public TextTable row(Object... cells) {
        if (cells.length != header.length) {
            throw new IllegalArgumentException("expected " + header.length + " cells, got " + cells.length);
        }
        String[] r = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            r[i] = format(cells[i]);
        }
        rows.add(r);
        return this;
    }

    /** A horizontal rule before the next row. */
    public TextTable rule() {
        rows.add(null);
        return this;
    }

    public static String format(Object cell) {
        if (cell == null) {
            return "";
        }
        if (cell instanceof Long || cell instanceof Integer) {
            return String.format("%,d", ((Number) cell).longValue());
        }
        if (cell instanceof Double d) {
            return String.format("%.4f", d);
        }
        return cell.toString();
    }

    public String render() {
        int[] width = new int[header.length];
        boolean[] numeric = new boolean[header.length];
        for (int i = 0; i < header.length; i++) {
            width[i] = header[i].length();
            numeric[i] = true;
        }
        for (String[] r : rows) {
            if (r == null) {
                continue;
            }
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
                numeric[i] &= r[i].isEmpty() || r[i].matches("[-+0-9.,%x:()/ e]+");
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, width, numeric);
        String rule = rule(width);
        sb.append(rule);
        for (String[] r : rows) {
            if (r == null) {
                sb.append(rule);
            } else {
                line(sb, r, width, numeric);
            }
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String[] cells, int[] width, boolean[] numeric) {
        for (int i = 0; i < cells.length; i++) {
            String pad = " ".repeat(width[i] - cells[i].length());
            sb.append(i == 0 ? "" : "  ").append(numeric[i] ? pad + cells[i] : cells[i] + pad);
        }
        sb.setLength(sb.length() - trailing(sb));
        sb.append('\n');
    }

    private static int trailing(StringBuilder sb) {
        int n = 0;
        while (n < sb.length() && sb.charAt(sb.length() - 1 - n) == ' ') {
            n++;
        }
        return n;
    }

    private static String rule(int[] width) {
        int total = 0;
        for (int w : width) {
            total += w;
        }
        return "-".repeat(total + 2 * (width.length - 1)) + "\n";
    }
}
