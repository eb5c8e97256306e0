package meshonboarder.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import meshonboarder.errors.InvalidInput;

/**
 * The {@link Required} fields of a step's input record, checked once the input is read: the step fails with
 * {@link InvalidInput} naming itself, every missing field's JSON path and what produces it, before it touches
 * anything; it never quotes the input.
 */
final class RequiredFields<I> {

    private final String step;
    private final List<RecordComponent> required;

    RequiredFields(Class<I> inputType, String step) {
        this.step = step;
        this.required = inputType.isRecord() ? Arrays.stream(inputType.getRecordComponents())
                .filter(c -> c.isAnnotationPresent(Required.class)).toList() : List.of();
        required.forEach(c -> c.getAccessor().setAccessible(true));
    }

    /** Fails naming every {@link Required} field that is absent or null, and what produces it. */
    void check(I input) {
        List<String> missing = required.stream().filter(c -> absent(valueOf(c, input)))
                .map(c -> "$." + c.getName() + " (" + c.getAnnotation(Required.class).value() + ")").toList();
        if (!missing.isEmpty()) {
            int last = missing.size() - 1;
            String fields = last == 0 ? missing.get(0) : String.join(", ", missing.subList(0, last)) + " and "
                    + missing.get(last);
            String them = last == 0 ? "it" : "them";
            throw new InvalidInput(step + " needs " + fields + ". Its state machine passes " + them
                    + "; when invoking the function by hand, put " + them + " in the input.");
        }
    }

    /** Null, or JSON null where the field is a JsonNode (Jackson gives those a NullNode). */
    private static boolean absent(Object value) {
        return value == null || value instanceof JsonNode node && (node.isNull() || node.isMissingNode());
    }

    private static Object valueOf(RecordComponent component, Object input) {
        try {
            return component.getAccessor().invoke(input);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of the step input", e);
        }
    }
}
