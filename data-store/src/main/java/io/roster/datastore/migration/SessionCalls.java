package io.roster.datastore.migration;

import io.roster.common.model.ProcessId;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The reconciliation calls to the sessions: at most one per address at a time, for the slots the live processes
 * there still owe an answer for. A call is made to an address, but its answer counts for the process that gave it
 * (the reply names it): a process listed at an address now answered by another one (a restart) stays unanswered
 * until meta expires it. After a failure, or an answer from another process than those owing one, the address is
 * asked again only after {@code reaskMs}.
 */
final class SessionCalls {
    private final SessionReconciler reconciler;
    private final MigrationProgress progress;
    private final Executor executor;
    private final long reaskMs;
    private final Runnable onAnswer;
    private final Map<String, CompletableFuture<ProcessId>> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Long> notBeforeMillis = new ConcurrentHashMap<>();
    private final Map<ProcessId, String> whySilent = new ConcurrentHashMap<>();

    SessionCalls(SessionReconciler reconciler, MigrationProgress progress, Executor executor, long reaskMs, Runnable onAnswer) {
        this.reconciler = reconciler;
        this.progress = progress;
        this.executor = executor;
        this.reaskMs = reaskMs;
        this.onAnswer = onAnswer;
    }

    /** Asks every address with a live process that owes an answer, unless a call is in flight there or it is too soon. */
    void ask(Set<ProcessId> live, long nowMillis) {
        long askedAt = progress.answersFrom(); // before pending: an answer to this question predates any later reset
        Map<String, Map<Integer, Long>> slotsByAddress = new LinkedHashMap<>();
        Map<String, Set<ProcessId>> owing = new LinkedHashMap<>();
        for (ProcessId p : live) {
            Map<Integer, Long> pending = progress.pending(p);
            if (!pending.isEmpty()) {
                slotsByAddress.computeIfAbsent(p.address(), a -> new TreeMap<>()).putAll(pending);
                owing.computeIfAbsent(p.address(), a -> new HashSet<>()).add(p);
            }
        }
        slotsByAddress.forEach((address, slots) -> {
            if (!inFlight.containsKey(address) && nowMillis >= notBeforeMillis.getOrDefault(address, 0L)) {
                call(address, Map.copyOf(slots), Set.copyOf(owing.get(address)), askedAt);
            }
        });
    }

    private void call(String address, Map<Integer, Long> slots, Set<ProcessId> owing, long askedAt) {
        CompletableFuture<ProcessId> call = new CompletableFuture<>();
        inFlight.put(address, call); // before the call can complete, so its completion always finds and removes it
        owing.forEach(p -> whySilent.putIfAbsent(p, "asked, no answer yet"));
        call.whenComplete((answered, failure) -> {
            if (failure == null) {
                progress.answered(answered, slots, askedAt);
                whySilent.remove(answered);
                if (!owing.contains(answered)) {
                    owing.forEach(p -> whySilent.put(p, "its address " + address + " answers as another process, " + answered));
                    notBeforeMillis.put(address, monotonicMillis() + reaskMs);
                } else {
                    notBeforeMillis.remove(address);
                }
            } else {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                owing.forEach(p -> whySilent.put(p, String.valueOf(cause.getMessage())));
                notBeforeMillis.put(address, monotonicMillis() + reaskMs);
            }
            inFlight.remove(address, call);
            onAnswer.run();
        });
        try {
            executor.execute(() -> {
                try {
                    call.complete(reconciler.reconcile(address, slots));
                } catch (RuntimeException e) {
                    call.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException stopping) {
            inFlight.remove(address, call);
        }
    }

    /** Milliseconds from an arbitrary origin that never jumps: the clock of rounds and re-asks. */
    static long monotonicMillis() {
        return System.nanoTime() / 1_000_000;
    }

    /** Why {@code session} has not answered, for reports. */
    String whySilent(ProcessId session) {
        return whySilent.getOrDefault(session, "not asked yet");
    }
}
