package meshonboarder.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A template's Conditions evaluated as CloudFormation would for the functions the templates use ({@code Fn::Equals},
 * {@code Fn::Not}, {@code Fn::And}, {@code Fn::Or}, {@code Condition}), with the stack's parameters and pseudo
 * parameters: which resources a stack of these parameters, in this region, would hold.
 */
final class Conditions {

    private final Template template;

    Conditions(Template template) {
        this.template = template;
    }

    boolean holds(String name) {
        Object expression = Template.map(template.root(), "Conditions").get(name);
        if (expression == null) {
            throw new IllegalArgumentException("no condition " + name);
        }
        return evaluate(expression);
    }

    /** The resources of the type that the stack would create: those without a Condition, or whose Condition holds. */
    Map<String, Map<String, Object>> created(String type) {
        Map<String, Map<String, Object>> resources = new LinkedHashMap<>(template.resources(type));
        resources.values().removeIf(r -> r.get("Condition") instanceof String c && !holds(c));
        return resources;
    }

    private boolean evaluate(Object expression) {
        Map<String, Object> fn = Template.cast(expression);
        var entry = fn.entrySet().iterator().next();
        return switch (entry.getKey()) {
            case "Condition" -> holds(entry.getValue().toString());
            case "Fn::Equals" -> {
                List<?> args = (List<?>) entry.getValue();
                yield template.resolve(args.get(0)).equals(template.resolve(args.get(1)));
            }
            case "Fn::Not" -> !evaluate(((List<?>) entry.getValue()).get(0));
            case "Fn::And" -> ((List<?>) entry.getValue()).stream().allMatch(this::evaluate);
            case "Fn::Or" -> ((List<?>) entry.getValue()).stream().anyMatch(this::evaluate);
            default -> throw new IllegalArgumentException("condition function not modelled: " + entry.getKey());
        };
    }
}
