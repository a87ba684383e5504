package io.roster.session.push;

import io.roster.session.routing.DataRouter;
import io.roster.session.periodic.PeriodicRound;
import io.roster.session.registry.ClientRegistry;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Tells the data nodes, a little after the fact and in batches, which datums lost their last subscriber here, so
 * they stop sending this session their change notices. Interest itself is declared by the reads and version checks
 * the session makes anyway; this is the only message that exists just for targeting.
 */
public final class InterestWithdrawals implements AutoCloseable {
    static final int DATUMS_PER_MESSAGE = 1000;

    private final ClientRegistry registry;
    private final DataRouter router;
    private final long intervalMs;
    private final Predicate<String> alsoRead;
    private final PeriodicRound rounds = new PeriodicRound("session-interest", "interest withdrawal", this::round);
    /** Withdrawals a data node did not take: tried again next round (if still without subscribers). */
    private final Set<String> retry = new LinkedHashSet<>();

    public InterestWithdrawals(ClientRegistry registry, DataRouter router, long intervalMs) {
        this(registry, router, intervalMs, id -> false);
    }

    /** @param alsoRead datums read without subscribers of their own (those converted lists are made of) */
    public InterestWithdrawals(ClientRegistry registry, DataRouter router, long intervalMs, Predicate<String> alsoRead) {
        this.alsoRead = alsoRead;
        this.registry = registry;
        this.router = router;
        this.intervalMs = intervalMs;
    }

    public void start() {
        rounds.start(intervalMs, intervalMs);
    }

    /** Sends one round; returns how many datums it withdrew. */
    int round() {
        // Stamped before the check: a subscriber added after the check raises the sequence above it, so its read
        // declares interest with a higher one and the data node keeps it (see InterestWithdrawal).
        long seq = registry.subscriptionSeq();
        Set<String> candidates = new LinkedHashSet<>(retry);
        retry.clear();
        for (String target : registry.drainUnsubscribed()) {
            if (!PushTargets.isComputed(target)) { // data never held it
                candidates.add(PushTargets.dataInfoIdOf(target));
            }
        }
        List<String> gone = new ArrayList<>();
        for (String id : candidates) {
            if (!registry.hasSubscribers(id) && !registry.hasSubscribers(PushTargets.of(id, true)) && !alsoRead.test(id)) {
                gone.add(id);
            }
        }
        for (int from = 0; from < gone.size(); from += DATUMS_PER_MESSAGE) {
            List<String> batch = gone.subList(from, Math.min(gone.size(), from + DATUMS_PER_MESSAGE));
            if (!router.withdrawInterest(seq, List.copyOf(batch))) {
                retry.addAll(batch);
            }
        }
        return gone.size();
    }

    @Override
    public void close() {
        rounds.close();
    }
}
