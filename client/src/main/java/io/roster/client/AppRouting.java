package io.roster.client;

import io.roster.client.push.PushDispatcher;
import io.roster.client.registry.SubscriptionRecord;
import io.roster.client.session.CallOutcome;
import io.roster.common.app.AppIds;
import io.roster.common.app.AppInstance;
import io.roster.common.model.InvalidInputException;
import io.roster.common.model.RegistryLimits;
import io.roster.common.retry.Backoff;
import io.roster.common.wire.RevisionQuery;
import io.roster.common.wire.RevisionReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The client's application-level routing table: the shared subscriptions of application datums ({@link AppShare},
 * each application's instances held once, refcounted by the interface subscriptions resolving to it), the revision
 * cache, and the {@link InterfaceView}s derived from them. Pushes come from the dispatcher thread, revision answers
 * from the call thread, (un)subscribes from the callers: one monitor guards the state, and what calls the session
 * or waits runs after it is released.
 */
final class AppRouting {
    private static final Logger LOG = LoggerFactory.getLogger(AppRouting.class);
    private static final Backoff QUERY_WAITS = Backoff.ofMillis(100, 2000);
    private static final long RESUBSCRIBE_MILLIS = 1000;

    private final Registrar registrar;
    private final PushDispatcher dispatcher;
    private final RegistryLimits limits;
    private final ScheduledExecutorService timer;
    private final Executor callbacks;
    // guarded by this
    private final Map<String, AppShare> shares = new HashMap<>();
    private final Set<InterfaceView> views = new HashSet<>();
    private final RevisionCache revisions;
    private Backoff.Sequence queryWaits = QUERY_WAITS.sequence();

    AppRouting(Registrar registrar, PushDispatcher dispatcher, RegistryLimits limits, ScheduledExecutorService timer,
               Executor callbacks) {
        this.registrar = registrar;
        this.dispatcher = dispatcher;
        this.limits = limits;
        this.timer = timer;
        this.callbacks = callbacks;
        this.revisions = new RevisionCache(limits);
    }

    InterfaceView open(String interfaceId, InterfaceListener listener) {
        InterfaceView view = new InterfaceView(interfaceId, new SerialDelivery(interfaceId, listener, callbacks));
        locked(after -> views.add(view));
        return view;
    }

    /** The listener of {@code view}'s providers datum: its items are application names. */
    SubscriptionRecord.Listener providersListener(InterfaceView view) {
        return (id, data, version) -> {
            Set<String> apps = new TreeSet<>();
            for (byte[] item : data) {
                String app = new String(item, StandardCharsets.UTF_8);
                try {
                    AppIds.checkAppName(app, limits);
                    apps.add(app);
                } catch (InvalidInputException e) {
                    LOG.warn("Providers of {} list an invalid application name: {}", view.interfaceId, e.getMessage());
                }
            }
            locked(after -> providersChanged(view, apps, after));
        };
    }

    /** The listener of {@code view}'s interface-level publishers. */
    SubscriptionRecord.Listener interfaceListener(InterfaceView view) {
        return (id, data, version) -> {
            List<String> items = data.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
            locked(after -> {
                if (!view.closed) {
                    view.interfaceItems = items;
                    view.interfaceSeen = true;
                    recompute(view);
                }
            });
        };
    }

    /** {@code view} ended: its shares are released (unsubscribed when no other view needs them). */
    void close(InterfaceView view) {
        locked(after -> {
            view.closed = true;
            views.remove(view);
            for (String app : view.apps) {
                release(view, app, after);
            }
            view.apps.clear();
        });
        view.delivery.close();
    }

    synchronized RoutingStats stats() {
        int instances = shares.values().stream().mapToInt(s -> s.instances.size()).sum();
        int items = views.stream().mapToInt(InterfaceView::interfaceItemCount).sum();
        return new RoutingStats(views.size(), shares.size(), instances, items, revisions.size());
    }

    private void providersChanged(InterfaceView view, Set<String> apps, List<Runnable> after) {
        if (view.closed) {
            return;
        }
        view.providersSeen = true;
        for (String gone : new ArrayList<>(view.apps)) {
            if (!apps.contains(gone)) {
                view.apps.remove(gone);
                release(view, gone, after);
            }
        }
        for (String app : apps) {
            if (view.apps.add(app)) {
                acquire(view, app, after);
            }
        }
        recompute(view);
    }

    private void acquire(InterfaceView view, String app, List<Runnable> after) {
        AppShare share = shares.get(app);
        if (share == null) {
            AppShare fresh = new AppShare(app, UUID.randomUUID().toString(), AppIds.appDataInfoId(app, limits),
                    this::appData);
            fresh.subscribed = new CompletableFuture<>();
            shares.put(app, fresh);
            after.add(() -> subscribe(fresh));
            share = fresh;
        }
        share.views.add(view);
    }

    private void release(InterfaceView view, String app, List<Runnable> after) {
        AppShare share = shares.get(app);
        if (share == null || !share.views.remove(view) || !share.views.isEmpty()) {
            return;
        }
        shares.remove(app);
        share.released = true;
        revisions.replaced(share.instances, List.of());
        share.instances = List.of();
        CompletableFuture<Void> subscribed = share.subscribed;
        after.add(() -> subscribed.whenCompleteAsync((ok, failure) -> {
            if (failure == null) {
                unsubscribeQuietly(share);
            }
        }, callbacks));
    }

    /** Subscribes {@code share}'s datum; one that fails (no session within the connect timeout) is tried again. */
    private void subscribe(AppShare share) {
        CompletableFuture<Void> holder;
        synchronized (this) {
            holder = share.subscribed;
        }
        registrar.subscribeAsync(share.record).whenComplete((ok, failure) -> {
            if (failure == null) {
                holder.complete(null);
                return;
            }
            holder.completeExceptionally(failure);
            if (refusedForGood(failure)) {
                // Another try gets the same answer until the operator changes the ACL: said once, not every second.
                LOG.error("Subscribe to application datum {} refused: {}; not retried", share.record.dataInfoId(), failure.getMessage());
                return;
            }
            LOG.warn("Subscribe to application datum {} failed: {}; trying again", share.record.dataInfoId(), failure.toString());
            boolean again;
            synchronized (this) {
                again = !share.released;
                if (again) {
                    share.subscribed = new CompletableFuture<>();
                }
            }
            if (again) {
                schedule(() -> subscribe(share), RESUBSCRIBE_MILLIS);
            }
        });
    }

    /** Whether {@code failure} is a session's refusal of this client's credentials or of the ACL. */
    private static boolean refusedForGood(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof RosterRequestException e
                && (e.code() == io.roster.common.wire.ErrorCode.UNAUTHENTICATED || e.code() == io.roster.common.wire.ErrorCode.FORBIDDEN);
    }

    /**
     * Unsubscribes a released share on the callback pool. A failed one stays registered (and replayed), so it is
     * tried again on the timer the subscribe retries use, until it succeeds or the client closes.
     */
    private void unsubscribeQuietly(AppShare share) {
        try {
            registrar.unsubscribe(share.record);
            dispatcher.forget(share.record.registerId());
        } catch (RuntimeException e) {
            LOG.warn("Unsubscribe from application datum {} failed: {}; trying again", share.record.dataInfoId(),
                    e.toString());
            schedule(() -> {
                try {
                    callbacks.execute(() -> unsubscribeQuietly(share));
                } catch (RejectedExecutionException closing) {
                    // the client is closing: its connection, and every subscription on it, goes
                }
            }, RESUBSCRIBE_MILLIS);
        }
    }

    private void appData(AppShare share, List<byte[]> data) {
        List<AppInstance> instances = new ArrayList<>(data.size());
        for (byte[] item : data) {
            try {
                instances.add(AppInstance.decode(item));
            } catch (InvalidInputException e) {
                LOG.warn("Application {} has an item that is not an instance: {}", share.app, e.getMessage());
            }
        }
        locked(after -> {
            if (share.released) {
                return;
            }
            revisions.replaced(share.instances, instances);
            share.instances = List.copyOf(instances);
            share.loaded = true;
            share.views.forEach(this::recompute);
            askForRevisions(after);
        });
    }

    private void askForRevisions(List<Runnable> after) {
        List<String> digests = revisions.startQuery();
        if (digests != null) {
            after.add(() -> registrar.query(new RevisionQuery(digests)).whenComplete(this::revisionsAnswered));
        }
    }

    private void revisionsAnswered(CallOutcome outcome, Throwable failure) {
        List<io.roster.common.app.Revision> got = List.of();
        if (outcome instanceof CallOutcome.Answered a && a.reply() instanceof RevisionReply reply && reply.ok()) {
            got = reply.revisions();
        } else {
            LOG.debug("Revision query got no revisions: {}", failure != null ? failure.toString() : outcome);
        }
        List<io.roster.common.app.Revision> arrived = got;
        locked(after -> {
            Set<String> apps = revisions.answered(arrived);
            views.forEach(this::recompute); // also those that waited for this answer, whatever it brought
            if (!apps.isEmpty()) {
                queryWaits = QUERY_WAITS.sequence();
            }
            if (revisions.hasUnasked()) {
                askForRevisions(after); // came while this query was out: lists wait for them, ask now
            } else if (revisions.hasMissing()) { // not known to the session yet (registered through another): later
                schedule(() -> locked(this::askForRevisions), queryWaits.next());
            }
        });
    }

    private void recompute(InterfaceView view) {
        List<InterfaceInstance> list = view.changedList(shares::get, revisions);
        if (list != null) {
            view.delivery.offer(list, view.nextVersion());
        }
    }

    private void schedule(Runnable task, long millis) {
        try {
            timer.schedule(task, millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the client is closing
        }
    }

    private void locked(Consumer<List<Runnable>> body) {
        List<Runnable> after = new ArrayList<>();
        synchronized (this) {
            body.accept(after);
        }
        after.forEach(Runnable::run);
    }
}
