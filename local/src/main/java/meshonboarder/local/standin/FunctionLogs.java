package meshonboarder.local.standin;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * The functions' log lines as Lambda receives them: every event logged while a handler of one {@link LocalLambda}
 * runs on that thread, written by the layout of the functions' own {@code Lambda} appender (log4j2.xml, the JSON
 * lines of Lambda's advanced logging controls). The scenarios check them as they check the execution state.
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

    /** Only WARN and above reach stdout (the captures still get every level the functions log). */
    public static void printWarningsOnly() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        LoggerConfig root = context.getConfiguration().getRootLogger();
        Appender lambda = context.getConfiguration().getAppender(LAMBDA_APPENDER);
        root.removeAppender(LAMBDA_APPENDER);
        root.addAppender(lambda, Level.WARN, null);
        context.updateLoggers();
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
