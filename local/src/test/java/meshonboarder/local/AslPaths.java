package meshonboarder.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which paths of the execution state a state reads that may be missing when it runs. A path that is missing where a
 * Choice, a Fail's {@code ErrorPath}/{@code CausePath}, a Wait's {@code SecondsPath} or a {@code Parameters} field
 * reads it fails the execution with {@code States.Runtime}, which no Catch catches (Step Functions Developer Guide,
 * "Choice workflow state" and "Error handling in Step Functions", States.Runtime).
 *
 * <p>A path is sure to be there when every way to the state writes it (or a prefix of it): a Task's or Map's
 * {@code ResultPath} on its way on, a Catch's {@code ResultPath} on its way to the handler, a Pass state's result, or
 * a Choice rule that tested it with {@code IsPresent} (true on that rule's way, false on the later rules' and the
 * Default's). What a step wrote is trusted whole: {@code $.cluster} covers {@code $.cluster.meshId}. The execution
 * input is not: the first state may only read {@code $} itself.
 */
final class AslPaths {

    /** A read path, and where. */
    record Problem(String state, String field, String path) {
        @Override
        public String toString() {
            return state + " reads " + path + " (" + field + ") where a way to it leaves it unset";
        }
    }

    private static final Pattern PATH = Pattern.compile("(?<![$\\w])\\$(?:\\.[A-Za-z0-9_-]+|\\[\\d+])*");

    private AslPaths() {
    }

    /** Every read of a path that some way to its state leaves unset, in the machine and in its Maps' items. */
    static List<Problem> unsetReads(JsonNode machine) {
        List<Problem> problems = new ArrayList<>();
        check("", machine, Set.of(), problems);
        return problems;
    }

    private static void check(String scope, JsonNode machine, Set<String> start, List<Problem> problems) {
        JsonNode states = machine.path("States");
        // must-analysis: the paths written on every way to a state; null until a way reaches it
        Map<String, Set<String>> written = new HashMap<>();
        Deque<String> todo = new ArrayDeque<>();
        String first = machine.path("StartAt").asText();
        written.put(first, new HashSet<>(start));
        todo.add(first);
        while (!todo.isEmpty()) {
            String name = todo.pop();
            for (Edge edge : edges(states.path(name), written.get(name))) {
                Set<String> before = written.get(edge.target());
                Set<String> after = before == null ? new HashSet<>(edge.paths()) : intersect(before, edge.paths());
                if (before == null || !before.equals(after)) {
                    written.put(edge.target(), after);
                    todo.add(edge.target());
                }
            }
        }
        for (Iterator<String> names = states.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            JsonNode state = states.path(name);
            Set<String> in = written.get(name);
            if (in == null) {
                continue; // unreachable: TemplateContractTest's business
            }
            reads(scope + name, state, in, problems);
            if (state.has("ItemProcessor")) {
                check(scope + name + "/", state.path("ItemProcessor"), itemStart(state), problems);
            }
        }
    }

    /** What an item starts with: the ItemSelector's fields, or the item itself (trusted whole). */
    private static Set<String> itemStart(JsonNode map) {
        if (!map.has("ItemSelector")) {
            return Set.of("$");
        }
        Set<String> fields = new HashSet<>();
        map.path("ItemSelector").fieldNames().forEachRemaining(f -> fields.add("$." + f.replaceFirst("\\.\\$$", "")));
        return fields;
    }

    private record Edge(String target, Set<String> paths) {
    }

    private static List<Edge> edges(JsonNode state, Set<String> in) {
        List<Edge> edges = new ArrayList<>();
        String type = state.path("Type").asText();
        if (type.equals("Choice")) {
            Set<String> known = new HashSet<>(in);
            for (JsonNode rule : state.path("Choices")) {
                Set<String> onRule = new HashSet<>(known);
                presentIf(rule, true).forEach(onRule::add);
                for (JsonNode operand : rule.path("And")) {
                    presentIf(operand, true).forEach(onRule::add);
                }
                edges.add(new Edge(rule.path("Next").asText(), onRule));
                presentIf(rule, false).forEach(known::add); // the later rules and the Default run only without it
            }
            if (state.has("Default")) {
                edges.add(new Edge(state.path("Default").asText(), known));
            }
            return edges;
        }
        for (JsonNode c : state.path("Catch")) {
            // the error, {Error, Cause}, at the Catch's ResultPath
            edges.add(new Edge(c.path("Next").asText(), withResult(in, c, Set.of("$.Error", "$.Cause"))));
        }
        if (state.has("Next")) {
            edges.add(new Edge(state.path("Next").asText(), output(state, in)));
        }
        return edges;
    }

    /** The paths a rule tests with {@code IsPresent} of the given value. */
    private static List<String> presentIf(JsonNode rule, boolean value) {
        return rule.has("IsPresent") && rule.path("IsPresent").asBoolean() == value
                ? List.of(rule.path("Variable").asText()) : List.of();
    }

    /** The state's output on its way on: its result at ResultPath, then OutputPath. */
    private static Set<String> output(JsonNode state, Set<String> in) {
        Set<String> result;
        if (state.has("ResultSelector")) {
            result = fields(state.path("ResultSelector"));
        } else if (state.path("Type").asText().equals("Pass") && state.has("Parameters")) {
            result = fields(state.path("Parameters"));
        } else if (state.path("Type").asText().equals("Pass") && !state.has("Result")) {
            result = in; // a Pass with neither passes its input on as its result
        } else {
            result = Set.of("$"); // a step's result: trusted whole
        }
        Set<String> out = withResult(in, state, result);
        String outputPath = state.path("OutputPath").asText("$");
        if (outputPath.equals("$")) {
            return out;
        }
        Set<String> rooted = new HashSet<>();
        for (String w : out) {
            if (covers(w, outputPath)) {
                return Set.of("$");
            }
            if (w.startsWith(outputPath + ".")) {
                rooted.add("$" + w.substring(outputPath.length()));
            }
        }
        return rooted;
    }

    /**
     * {@code in} with a result placed at the node's ResultPath: {@code $} (the default) replaces the state with the
     * result's paths; a deeper path adds itself, trusted whole; null leaves the state as it was.
     */
    private static Set<String> withResult(Set<String> in, JsonNode node, Set<String> result) {
        if (node.has("ResultPath") && node.path("ResultPath").isNull()) {
            return in;
        }
        String at = node.path("ResultPath").asText("$");
        if (at.equals("$")) {
            return result;
        }
        Set<String> out = new HashSet<>(in);
        out.add(at);
        return out;
    }

    private static Set<String> fields(JsonNode template) {
        Set<String> fields = new LinkedHashSet<>();
        template.fieldNames().forEachRemaining(f -> fields.add("$." + f.replaceFirst("\\.\\$$", "")));
        return fields;
    }

    private static void reads(String name, JsonNode state, Set<String> in, List<Problem> problems) {
        for (String field : new String[] {"InputPath", "OutputPath", "ItemsPath", "MaxConcurrencyPath", "SecondsPath",
                "TimestampPath", "ErrorPath", "CausePath"}) {
            if (state.hasNonNull(field)) {
                expression(name, field, state.path(field).asText(), in, problems);
            }
        }
        for (String field : new String[] {"Parameters", "ItemSelector"}) {
            payload(name, field, state.path(field), in, problems);
        }
        Set<String> known = new HashSet<>(in);
        int i = 0;
        for (JsonNode rule : state.path("Choices")) {
            rule(name, "Choices[" + i++ + "]", rule, known, problems);
            presentIf(rule, false).forEach(known::add);
        }
    }

    private static void rule(String name, String where, JsonNode rule, Set<String> known, List<Problem> problems) {
        Set<String> guarded = new HashSet<>(known);
        for (String combinator : new String[] {"And", "Or"}) {
            for (JsonNode operand : rule.path(combinator)) {
                rule(name, where + "." + combinator, operand, guarded, problems);
                presentIf(operand, true).forEach(guarded::add); // an And's later operands run only with it
            }
        }
        if (rule.has("Not")) {
            rule(name, where + ".Not", rule.path("Not"), guarded, problems);
        }
        if (rule.has("Variable") && !rule.has("IsPresent")) {
            expression(name, where + ".Variable", rule.path("Variable").asText(), guarded, problems);
        }
        for (Iterator<String> fields = rule.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (field.endsWith("Path")) {
                expression(name, where + "." + field, rule.path(field).asText(), guarded, problems);
            }
        }
    }

    /** Every {@code x.$} value of a Parameters-like template: a path, or an intrinsic function of paths. */
    private static void payload(String name, String field, JsonNode template, Set<String> in, List<Problem> problems) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = template.fields(); fields.hasNext(); ) {
            var entry = fields.next();
            if (entry.getValue().isObject()) {
                payload(name, field + "." + entry.getKey(), entry.getValue(), in, problems);
            } else if (entry.getKey().endsWith(".$")) {
                expression(name, field + "." + entry.getKey(), entry.getValue().asText(), in, problems);
            }
        }
    }

    private static void expression(String name, String field, String text, Set<String> in, List<Problem> problems) {
        Matcher m = PATH.matcher(text);
        while (m.find()) {
            String path = m.group();
            if (!path.equals("$") && in.stream().noneMatch(w -> covers(w, path))) {
                problems.add(new Problem(name, field, path));
            }
        }
    }

    private static boolean covers(String written, String path) {
        return written.equals("$") || path.equals(written) || path.startsWith(written + ".")
                || path.startsWith(written + "[");
    }

    private static Set<String> intersect(Set<String> a, Set<String> b) {
        Set<String> both = new HashSet<>();
        for (String w : a) {
            if (b.stream().anyMatch(x -> covers(x, w))) {
                both.add(w);
            }
        }
        for (String w : b) {
            if (a.stream().anyMatch(x -> covers(x, w))) {
                both.add(w);
            }
        }
        return both;
    }
}
