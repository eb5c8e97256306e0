package meshonboarder.local.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

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

    /**
     * Counts side by side: one row per key (sorted), one column per result, headed {@code column} of it; a key a
     * result lacks counts 0.
     */
    static <R> Table counts(String title, List<R> results, Function<R, String> column,
                            Function<R, Map<String, Long>> counts) {
        Set<String> keys = new TreeSet<>();
        results.forEach(r -> keys.addAll(counts.apply(r).keySet()));
        List<String> headers = new ArrayList<>(List.of(title));
        results.forEach(r -> headers.add(column.apply(r) + ">"));
        Table table = new Table(headers.toArray(String[]::new));
        for (String key : keys) {
            List<Object> row = new ArrayList<>(List.of(key));
            results.forEach(r -> row.add(counts.apply(r).getOrDefault(key, 0L)));
            table.row(row.toArray());
        }
        return table;
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
