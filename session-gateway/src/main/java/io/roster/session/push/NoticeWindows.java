package io.roster.session.push;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The leading-edge rule of the {@link PushPlan}, per dataInfoId: a change that finds no round of its datum reading
 * and no window open is read and pushed at once; a change that comes while a round reads, or within the window
 * (session.push-debounce-ms) after that read, waits and merges with the others into one round at the window's end.
 * The window runs from the read, not from the acks: a client that is slow to ack already gets newer changes merged,
 * as the latest, when its push ends (the plan's per-connection rule), and must not hold up the others. So a change
 * waits at most the rest of a read and one window. Part of the plan, not thread-safe.
 */
final class NoticeWindows {
    private final long windowMs;
    /** In the order their windows were opened, so the windows that are over are at the head. */
    private final Map<String, Window> windows = new LinkedHashMap<>();

    /** The round that merges the waiting changes: due at {@code due}, for changes that came from {@code since}. */
    record Next(long due, long since) {
    }

    private static final class Window {
        boolean reading;
        long endsAt;
        boolean waiting;
        long waitingSince;

        boolean over(long now) {
            return !reading && !waiting && now >= endsAt;
        }
    }

    NoticeWindows(long windowMs) {
        this.windowMs = windowMs;
    }

    /** Whether a change of {@code dataInfoId} at {@code now} starts a round at once: nothing reads it, no window is open. */
    boolean quiet(String dataInfoId, long now) {
        forgetOver(now);
        Window w = windows.get(dataInfoId);
        return w == null || w.over(now);
    }

    /**
     * A change that is not {@link #quiet} waits for the next round. Returns that round when it is to be set now (the
     * first change to wait after a read); null when it merges into one already set, or waits for the read to end.
     */
    Next waitForNext(String dataInfoId, long now) {
        Window w = windows.get(dataInfoId);
        if (w == null || w.waiting) {
            return null;
        }
        w.waiting = true;
        w.waitingSince = now;
        return w.reading ? null : new Next(w.endsAt, now);
    }

    /** A round of the notices of {@code dataInfoId} is reading the datum: it carries every change that waited. */
    void reading(String dataInfoId) {
        Window w = windows.remove(dataInfoId);
        w = w != null ? w : new Window();
        w.reading = true;
        w.waiting = false;
        windows.put(dataInfoId, w);
    }

    /** A round of the notices started no read (nobody to push to, the switch off, or it failed): nothing waits on it. */
    void notRead(String dataInfoId) {
        Window w = windows.get(dataInfoId);
        if (w != null) {
            w.waiting = false;
        }
    }

    /**
     * The read of a notices' round ended (read or failed) at {@code now}: the window after it opens. Returns the
     * round for the changes that came while it read, or null when none did.
     */
    Next readEnded(String dataInfoId, long now) {
        Window w = windows.remove(dataInfoId);
        if (w == null) {
            return null;
        }
        w.reading = false;
        w.endsAt = now + windowMs;
        windows.put(dataInfoId, w); // now the newest window
        return w.waiting ? new Next(w.endsAt, w.waitingSince) : null;
    }

    /** Whether a round of {@code dataInfoId}'s notices reads, or changes wait for the next one. */
    boolean busy(String dataInfoId) {
        Window w = windows.get(dataInfoId);
        return w != null && (w.reading || w.waiting);
    }

    /** Drops the windows that are over from the head, so the map holds only the datums changed lately. */
    private void forgetOver(long now) {
        Iterator<Window> it = windows.values().iterator();
        while (it.hasNext()) {
            if (!it.next().over(now)) {
                return;
            }
            it.remove();
        }
    }
}
