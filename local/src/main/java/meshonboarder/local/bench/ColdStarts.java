package meshonboarder.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import meshonboarder.json.Json;

/**
 * Starts {@link ColdStart} in fresh JVMs: the JDK's {@code java}, a classpath of the launcher's own directory (that one
 * class) and, for a function, its deployment jar; an environment built from nothing but what it is given, PATH and
 * HOME. Each run's output goes to a log file next to its result.
 */
final class ColdStarts {

    /**
     * One fresh JVM, in milliseconds: spawn to main, init, priming (-1 when not primed), first request, spawn to
     * exit; or the error it ended with.
     */
    record Run(long toMain, long init, long prime, long request, long total, String error) {
    }

    private static final long LIMIT_SECONDS = 300;

    private final Path work;
    private final Path launcher;
    private final String java;
    private int count;

    ColdStarts(Path work) throws IOException {
        this.work = work;
        this.launcher = work.resolve("launcher");
        this.java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path target = launcher.resolve(ColdStart.class.getName().replace('.', '/') + ".class");
        Files.createDirectories(target.getParent());
        try (InputStream in = ColdStart.class.getResourceAsStream("ColdStart.class")) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A JVM that starts, enters main and exits, with the given environment (the functions' JVM options). */
    Run baseline(Map<String, String> environment) throws IOException, InterruptedException {
        return spawn("baseline", launcher.toString(), "baseline", List.of(), environment);
    }

    /** The function's handler built (and primed, if asked) and invoked once with {@code input}, from its jar alone. */
    Run function(String function, String handler, Path jar, byte[] input, Map<String, String> environment,
                 boolean primed) throws IOException, InterruptedException {
        Path inputFile = work.resolve("inputs/" + function + ".json");
        Files.createDirectories(inputFile.getParent());
        Files.write(inputFile, input);
        return spawn(function, launcher + File.pathSeparator + jar,
                "handler", primed ? List.of(handler, inputFile.toString(), function, "primed")
                        : List.of(handler, inputFile.toString(), function), environment);
    }

    private Run spawn(String label, String classpath, String mode, List<String> args, Map<String, String> environment)
            throws IOException, InterruptedException {
        int n = ++count;
        Path result = work.resolve("runs/" + n + "-" + label + ".json");
        Path log = work.resolve("runs/" + n + "-" + label + ".log");
        Files.createDirectories(result.getParent());
        Files.deleteIfExists(result);
        ProcessBuilder builder = new ProcessBuilder().redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().retainAll(List.of("PATH", "HOME"));
        env.putAll(environment);
        long spawned = System.currentTimeMillis();
        List<String> command = new ArrayList<>(List.of(java, "-cp", classpath, ColdStart.class.getName(), mode,
                Long.toString(spawned), result.toString()));
        command.addAll(args);
        long start = System.nanoTime();
        Process process = builder.command(command).start();
        if (!process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Run(-1, -1, -1, -1, -1, "still running after " + LIMIT_SECONDS + " s (" + log + ")");
        }
        long total = (System.nanoTime() - start) / 1_000_000;
        if (!Files.exists(result)) {
            return new Run(-1, -1, -1, -1, total, "exit " + process.exitValue() + " without a result (" + log + ")");
        }
        JsonNode json = Json.MAPPER.readTree(result.toFile());
        String error = json.has("errorType") ? json.path("errorType").asText() + " in " + json.path("failedIn").asText()
                : null;
        return new Run(json.path("main").asLong() - spawned, json.path("initMillis").asLong(-1),
                json.path("primeMillis").asLong(-1), json.path("requestMillis").asLong(-1), total, error);
    }
}
