package meshonboarder.local.standin;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the HTTP/1.1 requests in what clients send to a stand-in API server, by method (istiod view reads apart), for
 * the benchmarks.
 * Fed the bytes of each client connection as they pass ({@link Connection}), it reads each request's head and
 * skips its body (Content-Length or chunked). A connection that upgrades (WebSocket) is counted once and then
 * no longer read.
 */
final class RequestCounter {

    private final Map<String, LongAdder> byMethod = new ConcurrentHashMap<>();

    /** Requests so far, by method. */
    Map<String, Long> counts() {
        Map<String, Long> snapshot = new TreeMap<>();
        byMethod.forEach((method, count) -> snapshot.put(method, count.sum()));
        return snapshot;
    }

    long total() {
        return byMethod.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /**
     * The method; reads of istiod's view (the pod list and the pod proxy's {@code :15014/metrics} that
     * {@code KubernetesIstiodViews} makes) under a key of their own, so that the benchmarks show what checking
     * istiod's view costs.
     */
    private static String key(String requestLine, int space) {
        String method = space < 0 ? requestLine : requestLine.substring(0, space);
        String path = space < 0 ? "" : requestLine.substring(space + 1);
        boolean istiodView = path.contains(":15014/proxy/metrics")
                || path.startsWith("/api/v1/namespaces/istio-system/pods?labelSelector=app%3Distiod");
        return istiodView ? method + " " + ISTIOD_VIEW : method;
    }

    /** The key suffix of istiod view reads in {@link #counts()}. */
    static final String ISTIOD_VIEW = "(istiod view)";

    Connection connection() {
        return new Connection();
    }

    /** The request side of one connection. */
    final class Connection {

        private enum State { HEAD, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILER, OPAQUE }

        private static final int LONGEST_LINE = 64 * 1024;

        private State state = State.HEAD;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private final List<String> head = new ArrayList<>();
        private long remaining;

        /** Reads what passed; never fails the connection (a stream it cannot follow is no longer counted). */
        void feed(byte[] bytes, int offset, int length) {
            try {
                read(bytes, offset, length);
            } catch (RuntimeException e) {
                state = State.OPAQUE;
                byMethod.computeIfAbsent("(unreadable)", k -> new LongAdder()).increment();
            }
        }

        private void read(byte[] bytes, int offset, int length) {
            int i = offset;
            int end = offset + length;
            while (i < end) {
                switch (state) {
                    case OPAQUE -> i = end;
                    case BODY, CHUNK_DATA -> {
                        int n = (int) Math.min(remaining, end - i);
                        i += n;
                        remaining -= n;
                        if (remaining == 0) {
                            state = state == State.BODY ? State.HEAD : State.CHUNK_END;
                        }
                    }
                    default -> {
                        byte b = bytes[i++];
                        if (b != '\n') {
                            if (line.size() < LONGEST_LINE) {
                                line.write(b);
                            }
                        } else {
                            String text = line.toString(StandardCharsets.ISO_8859_1).strip();
                            line.reset();
                            endOfLine(text);
                        }
                    }
                }
            }
        }

        private void endOfLine(String text) {
            switch (state) {
                case HEAD -> {
                    if (!text.isEmpty()) {
                        head.add(text);
                    } else if (!head.isEmpty()) {
                        endOfHead();
                    }
                }
                case CHUNK_SIZE -> {
                    int extension = text.indexOf(';');
                    long size = Long.parseLong((extension < 0 ? text : text.substring(0, extension)).strip(), 16);
                    remaining = size;
                    state = size == 0 ? State.TRAILER : State.CHUNK_DATA;
                }
                case CHUNK_END -> state = State.CHUNK_SIZE;
                case TRAILER -> {
                    if (text.isEmpty()) {
                        state = State.HEAD;
                    }
                }
                default -> throw new IllegalStateException(state.name());
            }
        }

        private void endOfHead() {
            String requestLine = head.get(0);
            int space = requestLine.indexOf(' ');
            long length = 0;
            boolean standIn = false;
            boolean chunked = false;
            boolean upgrade = false;
            for (String header : head.subList(1, head.size())) {
                int colon = header.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).strip();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "upgrade" -> upgrade = true;
                    case "user-agent" -> standIn = value.startsWith(StandInIstiod.USER_AGENT);
                    default -> { }
                }
            }
            if (!standIn) { // the stand-in istiods' own reads are no client's
                byMethod.computeIfAbsent(key(requestLine, space), k -> new LongAdder()).increment();
            }
            head.clear();
            if (upgrade) {
                state = State.OPAQUE;
            } else if (chunked) {
                state = State.CHUNK_SIZE;
            } else if (length > 0) {
                remaining = length;
                state = State.BODY;
            } else {
                state = State.HEAD;
            }
        }
    }
}
