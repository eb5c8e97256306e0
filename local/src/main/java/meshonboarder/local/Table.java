package meshonboarder.local;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A Markdown table, padded so that it also reads well in a terminal; numeric columns are right-aligned. */
final class Table {

    private final List<String> headers;
    private final boolean[] right;
    private final List<List<String>> rows = new ArrayList<>();

    /** @param headers column titles; a title ending in {@code >} marks a right-aligned column (the mark is dropped) */
    Table(String... headers) {
        this.headers = new ArrayList<>();
        this.right = new boolean[headers.length];
        for (int i = 0; i < headers.length; i++) {
            right[i] = headers[i].endsWith(">");
            this.headers.add(right[i] ? headers[i].substring(0, headers[i].length() - 1) : headers[i]);
        }
    }

    Table row(Object... cells) {
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(cell == null ? "" : cell.toString());
        }
        rows.add(row);
        return this;
    }

    void print(PrintStream out) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = Math.max(3, headers.get(i).length());
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], i < row.size() ? row.get(i).length() : 0);
            }
        }
        out.println(line(headers, widths));
        StringBuilder rule = new StringBuilder("|");
        for (int i = 0; i < widths.length; i++) {
            rule.append(' ').append("-".repeat(widths[i] - (right[i] ? 1 : 0))).append(right[i] ? ":" : "").append(" |");
        }
        out.println(rule);
        rows.forEach(row -> out.println(line(row, widths)));
    }

    private String line(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder("|");
        for (int i = 0; i < widths.length; i++) {
            String cell = i < cells.size() ? cells.get(i) : "";
            String pad = " ".repeat(widths[i] - cell.length());
            line.append(' ').append(right[i] ? pad + cell : cell + pad).append(" |");
        }
        return line.toString();
    }
}
