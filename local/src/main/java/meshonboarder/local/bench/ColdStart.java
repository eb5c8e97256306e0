package meshonboarder.local.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The benchmarks' launcher in a fresh JVM, as Lambda's Java runtime starts a function: load the handler class, build it
 * with its no-argument constructor (so {@code Wiring.fromEnvironment()} reads the environment), call
 * {@code handleRequest} once. Its classpath is this class alone plus the function's deployment jar, so it depends on
 * nothing but the JDK: the handler, its input stream and its {@code Context} are reached by reflection.
 *
 * <pre>
 * java ColdStart baseline SPAWNED_MILLIS RESULT_FILE
 * java ColdStart handler  SPAWNED_MILLIS RESULT_FILE HANDLER INPUT_FILE FUNCTION_NAME [primed]
 * </pre>
 * {@code primed}: after init, the handler's {@code org.crac.Resource#beforeCheckpoint} runs, as Lambda runs it
 * before taking the SnapStart snapshot; its duration is {@code primeMillis}.
 * Writes one JSON object to RESULT_FILE: wall-clock milliseconds when the parent spawned the process, when the JVM
 * started (RuntimeMXBean) and when main was entered; the durations of init (class loading and constructor) and of
 * the first request; the error type when either failed. Keep this class free of nested classes: it is copied alone.
 */
public final class ColdStart {

    private ColdStart() {
    }

    public static void main(String[] args) throws Exception {
        long entered = System.currentTimeMillis();
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        StringBuilder json = new StringBuilder("{\"spawned\":").append(args[1]).append(",\"jvmStart\":").append(jvmStart)
                .append(",\"main\":").append(entered);
        if (args[0].equals("handler")) {
            invoke(args[3], Files.readAllBytes(Path.of(args[4])), args[5], args.length > 6, json);
        }
        Files.writeString(Path.of(args[2]), json.append('}').toString());
        System.exit(0); // the clients' threads would keep the JVM up; Lambda's runtime keeps it for the next request
    }

    private static void invoke(String handler, byte[] input, String function, boolean primed, StringBuilder json) {
        String className = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
        long start = System.nanoTime();
        Object instance;
        Method handleRequest;
        Object context;
        try {
            Class<?> type = Class.forName(className);
            instance = type.getConstructor().newInstance();
            json.append(",\"initMillis\":").append(millisSince(start));
            Class<?> contextType = Class.forName("com.amazonaws.services.lambda.runtime.Context");
            handleRequest = type.getMethod("handleRequest", InputStream.class, OutputStream.class, contextType);
            context = context(contextType, function);
            if (primed) {
                long prime = System.nanoTime();
                for (Method m : type.getMethods()) {
                    if (m.getName().equals("beforeCheckpoint") && m.getParameterCount() == 1) {
                        m.invoke(instance, (Object) null);
                    }
                }
                json.append(",\"primeMillis\":").append(millisSince(prime));
            }
        } catch (Throwable e) {
            json.append(",\"initMillis\":").append(millisSince(start));
            error(json, "init", e);
            return;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        long request = System.nanoTime();
        try {
            handleRequest.invoke(instance, new ByteArrayInputStream(input), output, context);
            json.append(",\"requestMillis\":").append(millisSince(request)).append(",\"outputBytes\":").append(output.size());
        } catch (Throwable e) {
            json.append(",\"requestMillis\":").append(millisSince(request));
            error(json, "request", e);
        }
    }

    /** A Lambda context (and logger) for one request, as a proxy of the interfaces in the function's jar. */
    private static Object context(Class<?> contextType, String function) throws ClassNotFoundException {
        Class<?> loggerType = Class.forName("com.amazonaws.services.lambda.runtime.LambdaLogger");
        Object logger = Proxy.newProxyInstance(ColdStart.class.getClassLoader(), new Class<?>[] {loggerType},
                (proxy, method, a) -> {
                    if (method.getName().equals("log") && a != null && a.length > 0) {
                        System.out.print(a[0] instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : a[0]);
                        return null;
                    }
                    return objectMethod(proxy, method, a);
                });
        String requestId = UUID.randomUUID().toString();
        return Proxy.newProxyInstance(ColdStart.class.getClassLoader(), new Class<?>[] {contextType},
                (proxy, method, a) -> switch (method.getName()) {
                    case "getAwsRequestId" -> requestId;
                    case "getFunctionName" -> function;
                    case "getFunctionVersion" -> "$LATEST";
                    case "getInvokedFunctionArn" -> "arn:aws:lambda:us-east-1:123456789012:function:" + function;
                    case "getLogGroupName" -> "/aws/lambda/" + function;
                    case "getLogStreamName" -> "cold-start";
                    case "getRemainingTimeInMillis" -> 600_000;
                    case "getMemoryLimitInMB" -> 1024;
                    case "getLogger" -> logger;
                    default -> objectMethod(proxy, method, a);
                });
    }

    private static Object objectMethod(Object proxy, Method method, Object[] a) {
        return switch (method.getName()) {
            case "toString" -> "cold-start " + method.getDeclaringClass().getSimpleName();
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == a[0];
            default -> method.getReturnType() == int.class ? 0 : method.getReturnType() == long.class ? 0L
                    : method.getReturnType() == boolean.class ? Boolean.FALSE : null;
        };
    }

    private static void error(StringBuilder json, String phase, Throwable e) {
        Throwable cause = e instanceof InvocationTargetException target && target.getCause() != null ? target.getCause() : e;
        json.append(",\"failedIn\":\"").append(phase).append("\",\"errorType\":\"").append(cause.getClass().getName())
                .append("\",\"errorMessage\":\"").append(escape(String.valueOf(cause.getMessage()))).append('"');
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
