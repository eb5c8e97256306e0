package meshonboarder.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A moto server in its own process, started with the project's launcher (local/moto_server.py) and with
 * Step Functions executions enabled. {@code MOTO_PORT} tells moto's Step Functions where Lambda's Invoke
 * API is: the local runner's Lambda endpoint. Used by the tests ({@link MotoServer}) and the local runner.
 */
public final class MotoProcess implements AutoCloseable {

    private final Process process;
    private final URI endpoint;
    private final Path log;

    private MotoProcess(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    /**
     * @param lambdaPort the port of a local Lambda Invoke endpoint, or 0 when nothing invokes Lambda
     */
    public static MotoProcess start(Path launcher, int lambdaPort) throws IOException {
        // A free port can be taken by another process (a parallel test fork) before moto binds it: moto then exits
        // with "Address already in use", and we try another.
        for (int attempt = 1; ; attempt++) {
            try {
                return start(launcher, lambdaPort, freePort());
            } catch (PortTaken e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    /** moto could not bind its port. */
    private static final class PortTaken extends IOException {
        PortTaken(String message) {
            super(message);
        }
    }

    private static MotoProcess start(Path launcher, int lambdaPort, int port) throws IOException {
        Path log = Files.createTempFile("moto-", ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of("python3", launcher.toString(), "-H", "127.0.0.1", "-p",
                Integer.toString(port))).redirectErrorStream(true).redirectOutput(log.toFile());
        if (lambdaPort > 0) {
            builder.environment().put("MOTO_PORT", Integer.toString(lambdaPort));
        }
        Process process = builder.start();
        MotoProcess moto = new MotoProcess(process, URI.create("http://127.0.0.1:" + port), log);
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        moto.awaitUp();
        moto.post("/moto-api/config", "{\"stepfunctions\": {\"execute_state_machine\": true}}");
        return moto;
    }

    public URI endpoint() {
        return endpoint;
    }

    public Path log() {
        return log;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void post(String path, String body) throws IOException {
        HttpURLConnection c = (HttpURLConnection) endpoint.resolve(path).toURL().openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        if (c.getResponseCode() / 100 != 2) {
            throw new IOException("moto refused " + path + ": HTTP " + c.getResponseCode());
        }
    }

    /**
     * Up when it answers and says it runs on its port: an answer alone could come from another fork's moto that holds
     * the port this one failed to bind.
     */
    private void awaitUp() throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                String output = Files.readString(log);
                if (output.contains("Address already in use")) {
                    throw new PortTaken("moto server could not bind " + endpoint + ": " + output);
                }
                throw new IOException("moto server exited: " + output);
            }
            if (!Files.readString(log).contains("Running on " + endpoint)) {
                sleep();
                continue;
            }
            try {
                HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection();
                c.setConnectTimeout(500);
                if (c.getResponseCode() > 0) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            sleep();
        }
        throw new IOException("moto server did not start within 60 s: " + Files.readString(log));
    }

    private static void sleep() throws IOException {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
    }
}
