package meshonboarder.local;

import java.util.LinkedHashMap;
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
        return template.condition(name);
    }

    /** The resources of the type that the stack would create: those without a Condition, or whose Condition holds. */
    Map<String, Map<String, Object>> created(String type) {
        Map<String, Map<String, Object>> resources = new LinkedHashMap<>(template.resources(type));
        resources.values().removeIf(r -> r.get("Condition") instanceof String c && !holds(c));
        return resources;
    }
}
