package meshonboarder.local.standin;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * The functions' log lines as Lambda receives them: every event logged while a handler of one {@link LocalLambda}
 * runs on that thread, written by the layout of the functions' own {@code Lambda} appender (log4j2.xml, the JSON
 * lines of Lambda's advanced logging controls). The scenarios check them as they check the execution state; the
 * runner and the benchmarks write them to a file ({@link #toFile}), not to the terminal.
 */
public final class FunctionLogs extends AbstractAppender {

    private static final String LAMBDA_APPENDER = "Lambda";
    private static final ThreadLocal<FunctionLogs> RUNNING = new ThreadLocal<>();
    private static final AtomicInteger COUNT = new AtomicInteger();

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    private FunctionLogs(Layout<? extends Serializable> layout) {
        super("function-logs-" + COUNT.incrementAndGet(), null, layout, true, Property.EMPTY_ARRAY);
    }

    /** A capture on the root logger, next to the Lambda appender, with its layout. */
    static FunctionLogs attach() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        FunctionLogs capture = new FunctionLogs(configuration.getAppender(LAMBDA_APPENDER).getLayout());
        capture.start();
        configuration.addAppender(capture);
        configuration.getRootLogger().addAppender(capture, null, null);
        context.updateLoggers();
        return capture;
    }

    /**
     * Writes the functions' log lines, as the Lambda appender formats them, to {@code file} (made anew) until closed;
     * they reach stdout too only when {@code alsoStdout}. Closing puts stdout back.
     */
    public static LogFile toFile(Path file, boolean alsoStdout) throws IOException {
        Files.createDirectories(file.getParent());
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        LoggerConfig root = configuration.getRootLogger();
        Appender lambda = configuration.getAppender(LAMBDA_APPENDER);
        FileAppender appender = FileAppender.newBuilder().setName("function-log-file-" + COUNT.incrementAndGet())
                .withFileName(file.toString()).withAppend(false).setLayout(lambda.getLayout())
                .setConfiguration(configuration).build();
        appender.start();
        root.addAppender(appender, null, null);
        if (!alsoStdout) {
            root.removeAppender(LAMBDA_APPENDER);
        }
        context.updateLoggers();
        return new LogFile(file, () -> {
            root.removeAppender(appender.getName());
            if (!alsoStdout) {
                root.addAppender(lambda, null, null);
            }
            context.updateLoggers();
            appender.stop();
        });
    }

    /** The file the functions' log lines go to, until closed. */
    public static final class LogFile implements AutoCloseable {

        private final Path path;
        private final Runnable undo;

        private LogFile(Path path, Runnable undo) {
            this.path = path;
            this.undo = undo;
        }

        public Path path() {
            return path;
        }

        @Override
        public void close() {
            undo.run();
        }
    }

    <T> T during(Callable<T> handler) throws Exception {
        FunctionLogs outer = RUNNING.get();
        RUNNING.set(this);
        try {
            return handler.call();
        } finally {
            RUNNING.set(outer);
        }
    }

    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @Override
    public void append(LogEvent event) {
        if (RUNNING.get() == this) {
            lines.add(new String(getLayout().toByteArray(event), StandardCharsets.UTF_8).strip());
        }
    }

    void detach() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender(getName());
        context.updateLoggers();
        stop();
    }
}
