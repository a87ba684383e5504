package io.roster.tools;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

import java.util.HashMap;
import java.util.Map;

/**
 * Lets an event of a third-party logger (default: {@code com.alipay}, bolt and jraft) through once per interval for
 * the same logger and text. While a meta peer or data node is down, bolt's reconnect attempts log the same ERROR and
 * a 15-line stack trace about ten times a second; an operator needs to see it once a minute, not 600 times.
 * Roster's own loggers are never throttled: they log state changes, one line each.
 */
public final class RepeatThrottleFilter extends Filter<ILoggingEvent> {
    /** Beyond this many distinct texts in one interval the oldest are forgotten (they may then repeat once more). */
    static final int MAX_TRACKED = 1024;

    private String loggerPrefix = "com.alipay";
    private long intervalMs = 60_000;
    private final Map<String, Long> lastPassed = new HashMap<>();

    public void setLoggerPrefix(String loggerPrefix) {
        this.loggerPrefix = loggerPrefix;
    }

    public void setIntervalMs(long intervalMs) {
        this.intervalMs = intervalMs;
    }

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (!event.getLoggerName().startsWith(loggerPrefix)) {
            return FilterReply.NEUTRAL;
        }
        String key = event.getLoggerName() + '\n' + event.getFormattedMessage();
        long now = event.getTimeStamp();
        synchronized (lastPassed) {
            Long last = lastPassed.get(key);
            if (last != null && now - last < intervalMs) {
                return FilterReply.DENY;
            }
            if (lastPassed.size() >= MAX_TRACKED) {
                lastPassed.values().removeIf(t -> now - t >= intervalMs);
                if (lastPassed.size() >= MAX_TRACKED) {
                    lastPassed.clear();
                }
            }
            lastPassed.put(key, now);
            return FilterReply.NEUTRAL;
        }
    }
}
