package com.quota.testsupport.logs;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The log lines written while it is open, each with the trace id its MDC held when it was written (what the console
 * pattern's {@code %X{traceId}} and the JSON formats print) and the thread that wrote it.
 */
public final class LogLines implements AutoCloseable {

    /** One line as written. */
    public record Line(String logger, String message, String traceId, String thread) {
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            // read the MDC now, on the writing thread: the event reads it lazily otherwise
            lines.add(new Line(event.getLoggerName(), event.getFormattedMessage(),
                    event.getMDCPropertyMap().get("traceId"), event.getThreadName()));
        }
    };

    public LogLines() {
        appender.setContext(root.getLoggerContext());
        appender.start();
        root.addAppender(appender);
    }

    /** The lines whose message contains {@code text}. */
    public List<Line> containing(String text) {
        return lines.stream().filter(line -> line.message().contains(text)).toList();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
