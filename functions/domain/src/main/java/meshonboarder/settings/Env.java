package meshonboarder.settings;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import meshonboarder.errors.InvalidInput;

/**
 * The function's environment variables, read with types. A missing or malformed value fails at once with a
 * message naming the variable: configuration errors show up on the first invocation, not halfway through.
 */
public final class Env {

    private final Map<String, String> variables;

    public Env(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    public static Env system() {
        return new Env(System.getenv());
    }

    public Optional<String> optional(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public String string(String name, String defaultValue) {
        return optional(name).orElse(defaultValue);
    }

    public String required(String name) {
        return optional(name).orElseThrow(() -> new InvalidInput(
                "The environment variable " + name + " is not set; it is filled in by template.yaml."));
    }

    public int integer(String name, int defaultValue) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.get());
        } catch (NumberFormatException e) {
            throw new InvalidInput("The environment variable " + name + " must be a whole number, not '"
                    + value.get() + "'.");
        }
    }

    public boolean bool(String name, boolean defaultValue) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        return switch (value.get().toLowerCase()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidInput(
                    "The environment variable " + name + " must be true or false, not '" + value.get() + "'.");
        };
    }

    /** A comma-separated list; blanks are dropped. */
    public List<String> list(String name) {
        return optional(name).map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }
}
