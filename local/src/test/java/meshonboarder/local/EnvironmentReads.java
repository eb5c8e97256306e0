package meshonboarder.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The environment variables a handler reads, found in the main sources of every module under {@code functions/}
 * (so it does not care which module a class lives in).
 *
 * <p>A handler reads what every class it can reach reads. A class reaches the classes it names: imports, classes of
 * its own package, fully qualified names; comments and string contents do not count. This is class granularity: a
 * handler that names a settings class counts as reading all of that class's variables.
 *
 * <p>A class reads a variable when an upper-case name ({@code "POLL_INTERVAL_SECONDS"}, {@code "PARTITION"}), or a
 * constant holding one, appears in a statement that mentions {@code env}, {@code Env} or {@code getenv}: the
 * {@code Env} calls ({@code env.integer("X", 1)}, {@code env.optional(VARIABLE)}), a helper given the name
 * ({@code PollPolicy.from(wiring.env(), "X", 900)}) and {@code System.getenv("X")}.
 */
final class EnvironmentReads {

    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+?)(\\.\\*)?\\s*;",
            Pattern.MULTILINE);
    private static final Pattern HEADER_LINE = Pattern.compile("^\\s*(package|import)\\b[^\\n]*", Pattern.MULTILINE);
    private static final Pattern TYPE_NAME = Pattern.compile("\\b[A-Z]\\w*\\b");
    private static final Pattern QUALIFIED = Pattern.compile("\\b((?:[a-z]\\w*\\.)+[A-Z]\\w*)");
    private static final String NAME = "[A-Z][A-Z0-9_]*[A-Z0-9]";
    private static final Pattern LITERAL = Pattern.compile("\"(" + NAME + ")\"");
    private static final Pattern CONSTANT = Pattern.compile("\\b(\\w+)\\s*=\\s*\"(" + NAME + ")\"\\s*;");
    private static final Pattern MENTIONS_ENV = Pattern.compile("\\b(env|Env|getenv)\\b");

    /** One source file: its code without comments, and the same with string contents blanked (same length). */
    private record Source(String pkg, String code, String blanked) {
    }

    private final Map<String, Source> classes = new HashMap<>();
    private final Map<String, Set<String>> byPackage = new HashMap<>();

    private EnvironmentReads() {
    }

    /** Every {@code src/main/java} file under {@code functionsDir}/*. */
    static EnvironmentReads scan(Path functionsDir) {
        EnvironmentReads reads = new EnvironmentReads();
        try (Stream<Path> files = Files.walk(functionsDir)) {
            files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/java/"))
                    .forEach(f -> reads.add(f.getFileName().toString().replace(".java", ""), read(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return reads;
    }

    /** For tests of the scanner: sources by file name without {@code .java} (a path is allowed). */
    static EnvironmentReads of(Map<String, String> sources) {
        EnvironmentReads reads = new EnvironmentReads();
        sources.forEach((file, text) -> reads.add(file.substring(file.lastIndexOf('/') + 1), text));
        return reads;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void add(String simpleName, String text) {
        String code = strip(text, false);
        Matcher pkg = PACKAGE.matcher(code);
        String packageName = pkg.find() ? pkg.group(1) : "";
        String name = packageName.isEmpty() ? simpleName : packageName + "." + simpleName;
        classes.put(name, new Source(packageName, code, strip(text, true)));
        byPackage.computeIfAbsent(packageName, p -> new TreeSet<>()).add(name);
    }

    boolean contains(String className) {
        return classes.containsKey(className);
    }

    /** The variables that {@code className} and every class it reaches read. */
    Set<String> readBy(String className) {
        Set<String> variables = new TreeSet<>();
        reachedFrom(className).forEach(c -> variables.addAll(readsOf(classes.get(c))));
        return variables;
    }

    Set<String> reachedFrom(String className) {
        if (!classes.containsKey(className)) {
            throw new IllegalArgumentException("no source for " + className);
        }
        Set<String> reached = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(Set.of(className));
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (reached.add(next)) {
                todo.addAll(references(classes.get(next), next));
            }
        }
        return reached;
    }

    private Set<String> references(Source source, String self) {
        Set<String> found = new TreeSet<>();
        Set<String> visiblePackages = new LinkedHashSet<>(Set.of(source.pkg()));
        Matcher imports = IMPORT.matcher(source.blanked());
        while (imports.find()) {
            if (imports.group(2) != null) {
                visiblePackages.add(imports.group(1));
            } else {
                topLevel(imports.group(1)).ifPresent(found::add);
            }
        }
        String body = HEADER_LINE.matcher(source.blanked()).replaceAll("");
        Set<String> typeNames = new TreeSet<>();
        TYPE_NAME.matcher(body).results().forEach(r -> typeNames.add(r.group()));
        for (String pkg : visiblePackages) {
            for (String candidate : byPackage.getOrDefault(pkg, Set.of())) {
                if (typeNames.contains(candidate.substring(candidate.lastIndexOf('.') + 1))) {
                    found.add(candidate);
                }
            }
        }
        QUALIFIED.matcher(body).results().forEach(r -> topLevel(r.group(1)).ifPresent(found::add));
        found.remove(self);
        return found;
    }

    /** {@code a.b.Outer.Inner} or {@code a.b.Outer.member} to {@code a.b.Outer}, when it is one of the sources. */
    private Optional<String> topLevel(String name) {
        String candidate = name;
        while (true) {
            if (classes.containsKey(candidate)) {
                return Optional.of(candidate);
            }
            int dot = candidate.lastIndexOf('.');
            if (dot < 0) {
                return Optional.empty();
            }
            candidate = candidate.substring(0, dot);
        }
    }

    private static Set<String> readsOf(Source source) {
        Map<String, String> constants = new HashMap<>();
        CONSTANT.matcher(source.code()).results().forEach(r -> constants.put(r.group(1), r.group(2)));
        Set<String> variables = new TreeSet<>();
        int start = 0;
        String blanked = source.blanked();
        for (int i = 0; i <= blanked.length(); i++) {
            if (i == blanked.length() || ";{}".indexOf(blanked.charAt(i)) >= 0) {
                String statement = blanked.substring(start, i);
                if (MENTIONS_ENV.matcher(statement).find()) {
                    LITERAL.matcher(source.code().substring(start, i)).results().forEach(r -> variables.add(r.group(1)));
                    constants.forEach((constant, value) -> {
                        if (Pattern.compile("\\b" + constant + "\\b").matcher(statement).find()) {
                            variables.add(value);
                        }
                    });
                }
                start = i + 1;
            }
        }
        return variables;
    }

    /**
     * Java source without comments; with {@code blankStrings}, string, text block and char contents become spaces
     * too (quotes kept), so that positions stay the same in both forms.
     */
    static String strip(String text, boolean blankStrings) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (text.startsWith("//", i)) {
                int end = text.indexOf('\n', i);
                end = end < 0 ? text.length() : end;
                out.append(" ".repeat(end - i));
                i = end;
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? text.length() : end + 2;
                text.substring(i, end).chars().forEach(ch -> out.append(ch == '\n' ? '\n' : ' '));
                i = end;
            } else if (text.startsWith("\"\"\"", i)) {
                int end = text.indexOf("\"\"\"", i + 3);
                end = end < 0 ? text.length() : end + 3;
                append(out, text, i, end, 3, blankStrings);
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != c) {
                    end += text.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(end + 1, text.length());
                append(out, text, i, end, 1, blankStrings);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static void append(StringBuilder out, String text, int start, int end, int quotes, boolean blank) {
        if (!blank || end - start < 2 * quotes) {
            out.append(text, start, end);
            return;
        }
        out.append(text, start, start + quotes);
        text.substring(start + quotes, end - quotes).chars().forEach(ch -> out.append(ch == '\n' ? '\n' : ' '));
        out.append(text, end - quotes, end);
    }
}
