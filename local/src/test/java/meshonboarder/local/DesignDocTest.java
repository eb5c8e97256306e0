package meshonboarder.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import meshonboarder.errors.MeshOnboarderError;
import meshonboarder.lambda.Required;
import meshonboarder.lambda.StepHandler;
import meshonboarder.local.AslStates.Located;
import org.junit.jupiter.api.Test;

/**
 * docs/design.md against what it describes, so that the page a newcomer reads first stays true: the errors table
 * against the error classes, and the state tables against the state machines (every Lambda Task with the path its
 * result goes to) and against the handlers' input records (what each step reads).
 */
class DesignDocTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
    private static final Path ERRORS = ROOT.resolve("functions/domain/src/main/java/meshonboarder/errors");
    private static final String ERROR_PACKAGE = MeshOnboarderError.class.getPackageName() + ".";
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern FIELD = Pattern.compile("[a-z][A-Za-z0-9]*");

    private final List<String> design = read(ROOT.resolve("docs/design.md"));
    private final Template template = Template.read(ROOT.resolve("template.yaml"));

    /**
     * Every error a step raises on purpose is a class in meshonboarder.errors (Lambda reports it by its class name),
     * and the state machines' Fail states raise the others: each has one row, and each row names one of them.
     */
    @Test
    void errorsTable_whenComparedWithTheErrorClassesAndFailStates_namesEachOnce() throws Exception {
        List<String> rows = table(design, heading("## Errors")).stream().map(row -> unquoted(row.get(0))).toList();

        Set<String> raised = new TreeSet<>();
        try (Stream<Path> sources = Files.list(ERRORS)) {
            for (Path source : sources.toList()) {
                Class<?> type = Class.forName(ERROR_PACKAGE + source.getFileName().toString().replace(".java", ""));
                if (MeshOnboarderError.class.isAssignableFrom(type) && !Modifier.isAbstract(type.getModifiers())) {
                    raised.add(type.getSimpleName());
                }
            }
        }
        for (String machine : AslSources.MACHINES) {
            AslStates.of(machine).stream().map(s -> s.state().path("Error").asText())
                    .filter(error -> error.startsWith(ERROR_PACKAGE))
                    .forEach(error -> raised.add(error.substring(ERROR_PACKAGE.length())));
        }

        assertThat(rows).as("rows of the errors table").doesNotHaveDuplicates();
        assertThat(new TreeSet<>(rows)).as("the errors table against meshonboarder.errors and the Fail states")
                .isEqualTo(raised);
    }

    /**
     * Each machine's state table has one row for each Lambda Task, Map items included, and no other, and its "writes"
     * column names where the Task's result goes: its {@code ResultPath}, the field its {@code ResultSelector} wraps
     * the result in when it replaces the state, or the Map's {@code ResultPath} when it is the Map's item.
     */
    @Test
    void stateTables_whenComparedWithTheStateMachines_haveEveryLambdaTaskAndWhereItWrites() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (String machine : AslSources.MACHINES) {
            Map<String, List<String>> rows = stateTable(machine);
            Map<String, Located> tasks = new LinkedHashMap<>();
            AslStates.of(machine).stream().filter(s -> s.function() != null).forEach(s -> tasks.put(s.name(), s));

            assertThat(rows.keySet()).as(machine + ": the steps of its table in docs/design.md")
                    .containsExactlyInAnyOrderElementsOf(tasks.keySet());
            tasks.forEach((step, task) -> {
                String writes = "`" + written(task) + "`";
                if (!rows.get(step).get(2).contains(writes)) {
                    wrong.add(machine + ": " + step + " writes " + writes + ", the table says " + rows.get(step).get(2));
                }
            });
        }
        assertThat(wrong).isEmpty();
    }

    /**
     * The "reads" column of each step names fields of its handler's input record, at least every {@code @Required}
     * one; a step that reads the whole execution input (a JsonNode) says so.
     */
    @Test
    void stateTables_whenComparedWithTheHandlers_readWhatTheirInputRecordsHold() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (String machine : AslSources.MACHINES) {
            for (var row : stateTable(machine).entrySet()) {
                String step = row.getKey();
                String reads = row.getValue().get(1);
                Class<?> input = input(step);
                if (!input.isRecord()) {
                    if (!reads.contains("execution input")) {
                        wrong.add(machine + ": " + step + " reads the execution input, the table says " + reads);
                    }
                    continue;
                }
                RecordComponent[] components = input.getRecordComponents();
                Set<String> fields = Arrays.stream(components).map(RecordComponent::getName)
                        .collect(Collectors.toCollection(TreeSet::new));
                Set<String> required = Arrays.stream(components).filter(c -> c.isAnnotationPresent(Required.class))
                        .map(RecordComponent::getName).collect(Collectors.toCollection(TreeSet::new));
                Set<String> named = fieldsNamed(reads);
                if (!fields.containsAll(named) || !named.containsAll(required)) {
                    wrong.add(machine + ": " + step + "'s table row reads " + named + "; " + input.getName()
                            + " holds " + fields + ", of which " + required + " are @Required");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** The rows of a machine's state table (the table after the line that starts with its name), by step. */
    private Map<String, List<String>> stateTable(String machine) {
        String name = Arrays.stream(machine.split("-")).map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1))
                .collect(Collectors.joining());
        int line = 0;
        while (line < design.size() && !design.get(line).matches(name + "\\b.*:$")) {
            line++;
        }
        assertThat(line).as("docs/design.md has a table for " + name).isLessThan(design.size());
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (List<String> row : table(design, line)) {
            Matcher step = Pattern.compile("[A-Z][A-Za-z]+").matcher(row.get(0));
            assertThat(step.find()).as("a step's name in " + row).isTrue();
            assertThat(rows.put(step.group(), row)).as(name + ": one row for " + step.group()).isNull();
        }
        return rows;
    }

    /** Where a Lambda Task's result goes, as the state table writes it. */
    private static String written(Located task) {
        if (task.state().path("ResultPath").isNull()) {
            return "null"; // the result is dropped (RequestApproval: the answer, not the request, decides)
        }
        String resultPath = task.state().path("ResultPath").asText("$");
        if (!resultPath.equals("$")) {
            return resultPath;
        }
        JsonNode selector = task.state().path("ResultSelector");
        if (selector.size() == 1 && selector.fields().next().getValue().asText().equals("$")) {
            return "$." + selector.fieldNames().next().replace(".$", "");
        }
        assertThat(task.map()).as(task.path() + " replaces the whole state, so it must be a Map's item").isNotNull();
        return task.map().path("ResultPath").asText();
    }

    /** The input type of the step's handler: its {@code StepHandler<I, O>}'s {@code I}. */
    private Class<?> input(String step) throws ClassNotFoundException {
        String handler = template.properties(step + "Function").get("Handler").toString();
        Class<?> type = Class.forName(handler.substring(0, handler.indexOf("::")));
        while (!(type.getGenericSuperclass() instanceof ParameterizedType p && p.getRawType() == StepHandler.class)) {
            type = type.getSuperclass();
        }
        Type argument = ((ParameterizedType) type.getGenericSuperclass()).getActualTypeArguments()[0];
        return (Class<?>) argument;
    }

    /**
     * The fields a "reads" cell names: its code spans other than paths ({@code $.cluster}), each a field
     * ({@code cluster}), a field and its value ({@code operation: offboard}) or an object of them
     * ({@code {member, removal}}; nested objects name their own fields, not the step's).
     */
    private static Set<String> fieldsNamed(String cell) {
        Set<String> names = new TreeSet<>();
        Matcher code = CODE.matcher(cell);
        while (code.find()) {
            String span = code.group(1).trim();
            if (span.startsWith("$")) {
                continue;
            }
            if (span.startsWith("{") && span.endsWith("}")) {
                span = span.substring(1, span.length() - 1);
            }
            for (String part : topLevel(span)) {
                String name = part.split(":")[0].trim().replace("?", "");
                if (FIELD.matcher(name).matches()) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    /** The comma-separated parts of a text outside braces. */
    private static List<String> topLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    /** The line index of a heading. */
    private int heading(String heading) {
        int line = design.indexOf(heading);
        assertThat(line).as("docs/design.md has " + heading).isNotNegative();
        return line;
    }

    /** The body rows of the first Markdown table at or after {@code from}, each row's cells trimmed. */
    private static List<List<String>> table(List<String> lines, int from) {
        int line = from;
        while (line < lines.size() && !lines.get(line).startsWith("|")) {
            line++;
        }
        List<List<String>> rows = new ArrayList<>();
        for (line += 2; line < lines.size() && lines.get(line).startsWith("|"); line++) {
            String row = lines.get(line).trim();
            rows.add(Arrays.stream(row.substring(1, row.length() - 1).split("\\|", -1)).map(String::trim).toList());
        }
        return rows;
    }

    private static String unquoted(String cell) {
        return cell.replace("`", "").trim();
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
