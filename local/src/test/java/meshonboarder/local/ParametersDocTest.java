package meshonboarder.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/parameters.md, the one place the parameters are documented, agrees with template.yaml: the same names in the
 * same order, and for each its default, its allowed values and the environment variables it sets.
 */
class ParametersDocTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
    private static final String MARKER = "parameter-marker-7f3a";

    private final Template template = Template.read(ROOT.resolve("template.yaml"));

    @Test
    void parametersDoc_whenComparedWithTemplate_listsEveryParameterInOrder() throws IOException {
        assertThat(documented().keySet()).containsExactlyElementsOf(template.parameterDefinitions().keySet());
    }

    @Test
    void parametersDoc_whenComparedWithTemplate_hasItsDefaultsAllowedValuesAndVariables() throws IOException {
        Map<String, List<String>> documented = documented();
        template.parameterDefinitions().forEach((name, definition) -> {
            List<String> row = documented.get(name);
            assertThat(row).as(name + " is in docs/parameters.md").isNotNull();
            assertThat(row.get(1)).as(name + ": default").isEqualTo(defaultCell(definition));
            assertThat(row.get(2)).as(name + ": allowed values").isEqualTo(allowedCell(definition));
            assertThat(row.get(3)).as(name + ": environment variables it sets").isEqualTo(variablesCell(name));
            assertThat(row.get(4)).as(name + ": meaning").isNotBlank();
        });
    }

    /** The rows of the table headed {@code | parameter |}, by parameter: cells without the surrounding spaces. */
    private static Map<String, List<String>> documented() throws IOException {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(ROOT.resolve("docs/parameters.md"))) {
            inTable = line.startsWith("| parameter |") || inTable && line.startsWith("|");
            if (!inTable || !line.startsWith("| `")) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            for (String cell : line.substring(1, line.lastIndexOf('|')).split("(?<!\\\\)\\|", -1)) {
                cells.add(cell.trim());
            }
            assertThat(cells).as(line).hasSize(5);
            rows.put(cells.get(0).replace("`", ""), cells);
        }
        return rows;
    }

    private static String defaultCell(Map<String, Object> definition) {
        Object value = definition.get("Default");
        return value == null || value.toString().isEmpty() ? "empty" : code(value);
    }

    private static String allowedCell(Map<String, Object> definition) {
        if (definition.get("AllowedValues") instanceof List<?> values) {
            return values.stream().map(ParametersDocTest::code).collect(Collectors.joining(", "));
        }
        if (definition.containsKey("AllowedPattern")) {
            return "pattern " + code(definition.get("AllowedPattern"));
        }
        Object min = definition.get("MinValue");
        Object max = definition.get("MaxValue");
        if (min != null && max != null) {
            return code(min) + " to " + code(max);
        }
        if (min != null) {
            return "at least " + code(min);
        }
        return switch (definition.get("Type").toString()) {
            case "Number" -> "a number";
            case "CommaDelimitedList" -> "a comma-separated list";
            default -> "any";
        };
    }

    /** The variables whose value changes with the parameter, in any function or the Globals. */
    private String variablesCell(String parameter) {
        Template marked = Template.read(ROOT.resolve("template.yaml"), Map.of(parameter, MARKER));
        Set<String> variables = new TreeSet<>();
        for (String function : marked.resources("AWS::Serverless::Function").keySet()) {
            marked.environment(function).forEach((variable, value) -> {
                if (value.contains(MARKER)) {
                    variables.add(variable);
                }
            });
        }
        return variables.isEmpty() ? "none" : variables.stream().map(ParametersDocTest::code)
                .collect(Collectors.joining(", "));
    }

    /** A Markdown code span; a pipe is escaped so that it does not end the table cell. */
    private static String code(Object value) {
        return "`" + value.toString().replace("|", "\\|") + "`";
    }
}
