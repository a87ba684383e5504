package io.roster.session.reconcile;

import io.roster.common.model.InvalidInputException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the slot ids a data node asks about. Messages are decoded without running their constructors, so a list
 * may hold anything; a bad id is the caller's mistake and answers INVALID_REQUEST (through
 * {@link io.roster.common.rpc.RequestHandler}), never an exception across the wire.
 */
final class SlotIds {
    private SlotIds() {
    }

    /** The distinct ids of {@code requested}, in the order first asked; throws naming the first bad one. */
    static List<Integer> checked(List<Integer> requested, int slotCount) {
        Set<Integer> out = new LinkedHashSet<>();
        for (Integer id : requested == null ? List.<Integer>of() : requested) {
            if (id == null || id < 0 || id >= slotCount) {
                throw new InvalidInputException("slot id " + id + " is not a slot (this cluster has slots 0.." + (slotCount - 1) + ")");
            }
            out.add(id);
        }
        return List.copyOf(out);
    }
}
