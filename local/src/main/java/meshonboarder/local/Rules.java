package meshonboarder.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.event.ruler.Machine;

/**
 * The EventBridge rules of template.yaml, matched with AWS's own event-ruler library: which state machine an
 * event would start, as EventBridge would decide it.
 */
public final class Rules {

    private final Machine machine = new Machine();
    /** The rules that deliver to the notification target (AnnouncementsRule), apart: they start nothing. */
    private final Machine notifications = new Machine();
    private final Map<String, String> targets = new LinkedHashMap<>();
    private final Map<String, String> inputs = new LinkedHashMap<>();

    public Rules(Template template) {
        for (var rule : template.resources("AWS::Events::Rule").entrySet()) {
            Map<String, Object> properties = Template.map(rule.getValue(), "Properties");
            Object arn = Template.cast(((List<?>) properties.get("Targets")).get(0)).get("Arn");
            String pattern = template.resolve(properties.get("EventPattern"));
            if (!(arn instanceof Map<?, ?> ref && ref.get("Ref") instanceof String target
                    && template.resources("AWS::Serverless::StateMachine").containsKey(target))) {
                // the runner starts state machines; what the notification target gets, scenarios read
                add(notifications, rule.getKey(), pattern);
                continue;
            }
            add(machine, rule.getKey(), pattern);
            targets.put(rule.getKey(), Template.cast(arn).get("Ref").toString());
            Object input = Template.cast(((List<?>) properties.get("Targets")).get(0)).get("Input");
            if (input != null) {
                inputs.put(rule.getKey(), template.resolve(input));
            }
        }
    }

    private static void add(Machine machine, String rule, String pattern) {
        try {
            machine.addRule(rule, pattern);
        } catch (Exception e) {
            throw new IllegalStateException("rule " + rule + " has a pattern event-ruler refuses", e);
        }
    }

    /** Whether a rule delivers the event to the notification target (the stack's NotificationTarget). */
    public boolean notifies(String eventJson) {
        try {
            return !notifications.rulesForJSONEvent(eventJson).isEmpty();
        } catch (Exception e) {
            throw new IllegalArgumentException("not a JSON event", e);
        }
    }

    /** The rules that match the event (logical ids). */
    public List<String> matching(String eventJson) {
        try {
            return new ArrayList<>(machine.rulesForJSONEvent(eventJson));
        } catch (Exception e) {
            throw new IllegalArgumentException("not a JSON event", e);
        }
    }

    /** What the rule's target receives: its constant {@code Input} when it has one, else the event itself. */
    public String input(String rule, String eventJson) {
        return inputs.getOrDefault(rule, eventJson);
    }

    /** The logical id of the state machine a rule starts. */
    public String target(String rule) {
        return targets.get(rule);
    }
}
