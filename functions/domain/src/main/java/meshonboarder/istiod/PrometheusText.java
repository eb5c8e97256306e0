package meshonboarder.istiod;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parser of the Prometheus text exposition format 0.0.4, which istiod serves at {@code :15014/metrics}
 * (https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format). Maven Central has writers of
 * the format (io.prometheus:prometheus-metrics-exposition-textformats) but no maintained Java parser, so this one
 * follows the spec: {@code # HELP} and {@code # TYPE} lines, other comments, label values with {@code \\},
 * {@code \"} and {@code \n} escapes, Go float values ({@code NaN}, {@code +Inf}, {@code -Inf}) and an optional
 * timestamp in milliseconds. A line that breaks the format fails the whole text, as Prometheus fails the scrape.
 */
public final class PrometheusText {

    private PrometheusText() {
    }

    /** One sample line: {@code name{labels} value [timestamp]}; {@code timestampMs} is null when absent. */
    public record Sample(String name, Map<String, String> labels, double value, Long timestampMs) {
    }

    /** The samples in text order, and each family's {@code # TYPE} and {@code # HELP} by metric name. */
    public record Exposition(List<Sample> samples, Map<String, String> types, Map<String, String> help) {

        /** The samples of one metric name. */
        public List<Sample> samples(String name) {
            return samples.stream().filter(s -> s.name().equals(name)).toList();
        }
    }

    /** @throws IllegalArgumentException naming the line that breaks the format */
    public static Exposition parse(String text) {
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, String> help = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                if (line.startsWith("#")) {
                    comment(line, types, help);
                } else {
                    samples.add(new Line(line).sample());
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("metrics line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new Exposition(List.copyOf(samples), Collections.unmodifiableMap(types), Collections.unmodifiableMap(help));
    }

    private static void comment(String line, Map<String, String> types, Map<String, String> help) {
        String[] tokens = line.substring(1).strip().split("[ \t]+", 3);
        if (tokens.length < 2 || !(tokens[0].equals("HELP") || tokens[0].equals("TYPE"))) {
            return; // a plain comment
        }
        String name = tokens[1];
        if (!isMetricName(name)) {
            throw new IllegalArgumentException("invalid metric name " + quoted(name));
        }
        String rest = tokens.length > 2 ? tokens[2] : "";
        if (tokens[0].equals("TYPE")) {
            if (!List.of("counter", "gauge", "histogram", "summary", "untyped").contains(rest)) {
                throw new IllegalArgumentException("unknown metric type " + quoted(rest));
            }
            if (types.put(name, rest) != null) {
                throw new IllegalArgumentException("second TYPE line for " + name);
            }
        } else {
            help.put(name, unescape(rest, false));
        }
    }

    static boolean isMetricName(String name) {
        return name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*");
    }

    private static String quoted(String s) {
        return "\"" + (s.length() > 60 ? s.substring(0, 60) + "..." : s) + "\"";
    }

    /** HELP text escapes only {@code \\} and {@code \n}; label values also {@code \"}. */
    private static String unescape(String s, boolean quotes) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char next = s.charAt(i + 1);
                if (next == '\\' || next == 'n' || (quotes && next == '"')) {
                    out.append(next == 'n' ? '\n' : next);
                    i++;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    /** A cursor over one sample line. */
    private static final class Line {

        private final String s;
        private int at;

        Line(String s) {
            this.s = s;
        }

        Sample sample() {
            String name = token("[a-zA-Z0-9_:]");
            if (!isMetricName(name)) {
                throw new IllegalArgumentException("invalid metric name " + quoted(name));
            }
            Map<String, String> labels = new LinkedHashMap<>();
            blanks();
            if (peek() == '{') {
                at++;
                labels(labels);
            }
            blanks();
            String value = token("[^ \t]");
            double parsed = value(value);
            blanks();
            Long timestamp = null;
            if (at < s.length()) {
                String ts = token("[^ \t]");
                try {
                    timestamp = Long.parseLong(ts);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("invalid timestamp " + quoted(ts));
                }
                blanks();
                if (at < s.length()) {
                    throw new IllegalArgumentException("unexpected text after the timestamp");
                }
            }
            return new Sample(name, Collections.unmodifiableMap(labels), parsed, timestamp);
        }

        private void labels(Map<String, String> labels) {
            while (true) {
                blanks();
                if (peek() == '}') {
                    at++;
                    return;
                }
                String name = token("[a-zA-Z0-9_]");
                if (!name.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
                    throw new IllegalArgumentException("invalid label name " + quoted(name));
                }
                blanks();
                expect('=');
                blanks();
                expect('"');
                StringBuilder raw = new StringBuilder();
                while (true) {
                    char c = next("an unterminated label value");
                    if (c == '"') {
                        break;
                    }
                    raw.append(c);
                    if (c == '\\') {
                        raw.append(next("an unterminated label value"));
                    }
                }
                if (labels.put(name, unescape(raw.toString(), true)) != null) {
                    throw new IllegalArgumentException("label " + name + " twice");
                }
                blanks();
                if (peek() == ',') {
                    at++;
                } else if (peek() != '}') {
                    throw new IllegalArgumentException("expected , or } after label " + name);
                }
            }
        }

        private static double value(String v) {
            switch (v) {
                case "NaN":
                    return Double.NaN;
                case "+Inf":
                case "Inf":
                    return Double.POSITIVE_INFINITY;
                case "-Inf":
                    return Double.NEGATIVE_INFINITY;
                default:
                    try {
                        if (!v.matches("[-+0-9.eE]+")) {
                            throw new NumberFormatException(v);
                        }
                        return Double.parseDouble(v);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("invalid value " + quoted(v));
                    }
            }
        }

        private String token(String charClass) {
            int start = at;
            while (at < s.length() && String.valueOf(s.charAt(at)).matches(charClass)) {
                at++;
            }
            if (start == at) {
                throw new IllegalArgumentException(at < s.length() ? "unexpected " + quoted(String.valueOf(s.charAt(at)))
                        : "unexpected end of line");
            }
            return s.substring(start, at);
        }

        private void blanks() {
            while (at < s.length() && (s.charAt(at) == ' ' || s.charAt(at) == '\t')) {
                at++;
            }
        }

        private char peek() {
            return at < s.length() ? s.charAt(at) : '\0';
        }

        private char next(String what) {
            if (at >= s.length()) {
                throw new IllegalArgumentException(what);
            }
            return s.charAt(at++);
        }

        private void expect(char c) {
            if (peek() != c) {
                throw new IllegalArgumentException("expected " + c);
            }
            at++;
        }
    }
}
