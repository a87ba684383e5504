package io.roster.datastore.store;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * Hands out one shared instance per distinct value, holding each only weakly: a value no stored publisher uses any
 * more is collected by the GC and its entry dropped on a later call, so the table never outgrows what is stored.
 * Weak rather than reference-counted because it cannot be miscounted by any of the store's many removal paths
 * (removals, client-off, expiry, installs, drops, tombstone collection) and costs one entry (~40 bytes) per distinct
 * value. Thread-safe; every slot's writers share one instance, each call is short.
 */
final class WeakInterner<T> {
    private final ReferenceQueue<T> cleared = new ReferenceQueue<>();
    private Entry<T>[] table = newTable(64);
    private int size;

    /** The instance held for values equal to {@code value}, which becomes that instance if none is held. */
    synchronized T intern(T value) {
        expunge();
        int hash = spread(value.hashCode());
        int at = hash & (table.length - 1);
        for (Entry<T> e = table[at]; e != null; e = e.next) {
            if (e.hash == hash) {
                T held = e.get();
                if (held != null && held.equals(value)) {
                    return held;
                }
            }
        }
        table[at] = new Entry<>(value, hash, table[at], cleared);
        if (++size > table.length - (table.length >> 2)) {
            resize();
        }
        return value;
    }

    /** Distinct values held (some may be collectable already). */
    synchronized int size() {
        expunge();
        return size;
    }

    private void expunge() {
        for (Reference<? extends T> r; (r = cleared.poll()) != null; ) {
            Entry<?> gone = (Entry<?>) r;
            int at = gone.hash & (table.length - 1);
            Entry<T> previous = null;
            for (Entry<T> e = table[at]; e != null; previous = e, e = e.next) {
                if (e == gone) {
                    if (previous == null) {
                        table[at] = e.next;
                    } else {
                        previous.next = e.next;
                    }
                    size--;
                    break;
                }
            }
        }
    }

    private void resize() {
        Entry<T>[] bigger = newTable(table.length * 2);
        for (Entry<T> head : table) {
            for (Entry<T> e = head; e != null; ) {
                Entry<T> next = e.next;
                int at = e.hash & (bigger.length - 1);
                e.next = bigger[at];
                bigger[at] = e;
                e = next;
            }
        }
        table = bigger;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    @SuppressWarnings("unchecked")
    private static <T> Entry<T>[] newTable(int length) {
        return (Entry<T>[]) new Entry<?>[length];
    }

    private static final class Entry<T> extends WeakReference<T> {
        final int hash;
        Entry<T> next;

        Entry(T value, int hash, Entry<T> next, ReferenceQueue<T> queue) {
            super(value, queue);
            this.hash = hash;
            this.next = next;
        }
    }
}
