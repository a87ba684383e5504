package io.roster.datastore.migration;

import io.roster.datastore.store.DatumChange;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Where a reconciliation round's session answers write. Until the round closes it (just before it decides which
 * slots enter ACCEPT) their changes are collected for the round to fan out with its own; an answer that comes after
 * that is still applied, and fans its changes out itself, so a slow session is reconciled when it answers and
 * nothing lands unreplicated or unannounced.
 */
final class RoundGate {
    private final Consumer<List<DatumChange>> afterClose;
    private final List<DatumChange> collected = new ArrayList<>();
    private boolean open = true;

    RoundGate(Consumer<List<DatumChange>> afterClose) {
        this.afterClose = afterClose;
    }

    synchronized void write(Supplier<List<DatumChange>> write) {
        List<DatumChange> changes = write.get();
        if (open) {
            collected.addAll(changes);
        } else {
            afterClose.accept(changes);
        }
    }

    /** Closes the gate; returns what answers changed while it was open. */
    synchronized List<DatumChange> close() {
        open = false;
        return List.copyOf(collected);
    }
}
