package io.roster.chaos.check;

import io.roster.chaos.history.AppEvent;
import io.roster.chaos.history.Event;
import io.roster.chaos.history.History;
import io.roster.common.app.ServiceAddress;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The history as the plain checks judge it once application-level discovery is in it: every {@link AppEvent} is
 * turned into the interface-level publications it implies, so completeness, ghosts, regressions and convergence of
 * converted lists are judged by the same checks, on derived expectations.
 * <ul>
 *   <li>Old subscribers of interface X (its own dataId): X's interface-level publishers plus, for each live
 *       application instance whose current revision provides X, a derived publisher {@code <app pub>><X>} whose item
 *       is {@code ConvertedItem.of(instance, spec)}; an instance whose address ({@link ServiceAddress}) is also the
 *       address of a live X publisher is left out (APP-DESIGN flow 6: dual publishing is listed once, the
 *       interface-level item kept).</li>
 *   <li>{@code subscribeInterface} subscribers of X: judged under the dataId {@code interface:<X>}, their listener
 *       calls as pushes (version: the SDK's own). Expected: the same converted items, plus X's interface-level
 *       items copied as {@code <pub>>interface:<X>} except where an application instance has the same address (flow
 *       5e: the application-level one wins).</li>
 * </ul>
 * A rollout step changes (or removes, or adds) an instance's item of each interface at its time; a failed
 * application call casts doubt on the items it may have set or removed, exactly as a failed plain call does, and
 * (an {@link ItemDoubt}) on the interface-level items at its pod's address that it may show again in a view by
 * taking the instance off an interface, until the pod's next successful call or its client's close. Derived events
 * carry the time and call start of the event that caused them. The form of a dual-published address a list should
 * not show is allowed but not required while both forms are live ({@link HiddenItems}). A history without
 * application events is returned as it is.
 */
final class ConvertedLists {
    static final String VIEW_PREFIX = "interface:";

    private record IfacePub(String pub, String client, String item, boolean pinned) {
    }

    private record AppPub(String pub, String client, AppEvent.Instance instance) {
    }

    private record Derived(String client, String item, boolean pinned) {
    }

    /**
     * The derived history; the items failed calls may have shown beyond their own, and the hidden form of each
     * dual-published address ({@link HiddenItems}); the application-level and the interface-level item texts.
     */
    record Result(History history, List<ItemDoubt> shown, Set<String> appItems, Set<String> interfaceItems) {
    }

    /**
     * An interface-level item a failed call may have shown in a view, until a successful call of one of {@code pubs}
     * (the pod, or the item's own publisher) or a close of one of {@code clients} settles it.
     */
    private static final class Shown {
        final String view;
        final String item;
        final long from;
        final Set<String> pubs;
        final Set<String> clients;
        final String pub;
        long settledAt = ItemSpan.NEVER;
        String settledBy;

        Shown(String view, String item, String pub, long from, Set<String> pubs, Set<String> clients) {
            this.view = view;
            this.item = item;
            this.pub = pub;
            this.from = from;
            this.pubs = pubs;
            this.clients = clients;
        }
    }

    private final Set<String> viewed;
    private final Map<String, Map<String, IfacePub>> ifaceByDataId = new HashMap<>();
    private final Map<String, String> dataIdOfPub = new HashMap<>();
    private final Map<String, AppPub> appPubs = new LinkedHashMap<>();
    private final Map<String, Set<String>> pubsOfClient = new HashMap<>();
    /** target dataId -> derived pub -> what it holds now. */
    private final Map<String, Map<String, Derived>> derived = new HashMap<>();
    private final List<Event> out = new ArrayList<>();
    private final List<Shown> shown = new ArrayList<>();
    private final HiddenItems hidden = new HiddenItems();
    private final Set<String> appItems = new HashSet<>();
    private final Set<String> interfaceItems = new HashSet<>();
    /** The event being applied, as violation details name it. */
    private String cause = "";

    private ConvertedLists(Set<String> viewed) {
        this.viewed = viewed;
    }

    /** The dataId under which {@code subscribeInterface} subscribers of {@code interfaceId} are judged. */
    static String viewOf(String interfaceId) {
        return VIEW_PREFIX + interfaceId;
    }

    static Result derive(History history) {
        Set<String> viewed = new HashSet<>();
        boolean any = false;
        for (Event e : history.events()) {
            any |= e instanceof AppEvent;
            if (e instanceof AppEvent.Subscribe s) {
                viewed.add(s.interfaceId());
            }
        }
        if (!any) {
            return new Result(history, List.of(), Set.of(), Set.of());
        }
        ConvertedLists lists = new ConvertedLists(viewed);
        history.events().forEach(lists::apply);
        List<ItemDoubt> doubts = new ArrayList<>(lists.hidden.doubts());
        lists.shown.forEach(d -> doubts.add(new ItemDoubt(d.view, d.item, d.pub, d.from, d.settledAt, d.settledBy)));
        return new Result(new History(lists.out), doubts, lists.appItems, lists.interfaceItems);
    }

    private void apply(Event e) {
        settle(e);
        cause = e.type() + " at t=" + e.t();
        collectItems(e);
        if (e instanceof Event.Publish p) {
            ifaceByDataId.computeIfAbsent(p.dataId(), k -> new LinkedHashMap<>())
                    .put(p.pub(), new IfacePub(p.pub(), p.client(), p.item(), p.pinned()));
            dataIdOfPub.put(p.pub(), p.dataId());
            pubsOfClient.computeIfAbsent(p.client(), k -> new LinkedHashSet<>()).add(p.pub());
            reconcile(Set.of(p.dataId()), p.t(), p.calledAt());
            out.add(p);
        } else if (e instanceof Event.Unpublish u) {
            ifaceByDataId.getOrDefault(u.dataId(), Map.of()).remove(u.pub());
            reconcile(Set.of(u.dataId()), u.t(), u.calledAt());
            out.add(u);
        } else if (e instanceof Event.Close c) {
            Set<String> touched = new TreeSet<>();
            for (String pub : pubsOfClient.getOrDefault(c.client(), Set.of())) {
                String dataId = dataIdOfPub.get(pub);
                if (dataId != null && ifaceByDataId.getOrDefault(dataId, Map.of()).remove(pub) != null) {
                    touched.add(dataId);
                }
                AppPub app = appPubs.remove(pub);
                if (app != null) {
                    touched.addAll(app.instance().interfaces().keySet());
                }
            }
            pubsOfClient.remove(c.client());
            reconcile(touched, c.t(), c.calledAt()); // before the close, which then finds them gone already
            out.add(c);
        } else if (e instanceof AppEvent.Publish p) {
            AppPub was = appPubs.put(p.pub(), new AppPub(p.pub(), p.client(), p.instance()));
            pubsOfClient.computeIfAbsent(p.client(), k -> new LinkedHashSet<>()).add(p.pub());
            Set<String> touched = new TreeSet<>(p.instance().interfaces().keySet());
            if (was != null) {
                touched.addAll(was.instance().interfaces().keySet());
            }
            reconcile(touched, p.t(), p.calledAt());
            out.add(p);
        } else if (e instanceof AppEvent.Unpublish u) {
            AppPub was = appPubs.remove(u.pub());
            if (was != null) {
                reconcile(new TreeSet<>(was.instance().interfaces().keySet()), u.t(), u.calledAt());
            }
            out.add(u);
        } else if (e instanceof Event.PublishFailed f) {
            plainFailed(f.t(), f.client(), f.dataId(), ServiceAddress.of(f.item()), f.error(), f.calledAt());
            out.add(f);
            if (viewed.contains(f.dataId())) { // doubts hold per dataId: the view's copy is in doubt the same way
                String view = viewOf(f.dataId());
                out.add(new Event.PublishFailed(f.t(), f.client(), view, f.pub() + ">" + view, f.item(), f.error(),
                        f.calledAt()));
            }
        } else if (e instanceof Event.UnpublishFailed f) {
            IfacePub held = ifaceByDataId.getOrDefault(f.dataId(), Map.of()).get(f.pub());
            if (held != null) {
                plainFailed(f.t(), f.client(), f.dataId(), ServiceAddress.of(held.item()), f.error(), f.calledAt());
            }
            out.add(f);
            if (viewed.contains(f.dataId())) {
                String view = viewOf(f.dataId());
                out.add(new Event.UnpublishFailed(f.t(), f.client(), view, f.pub() + ">" + view, f.error(),
                        f.calledAt()));
            }
        } else if (e instanceof AppEvent.PublishFailed f) {
            failed(f);
            out.add(f);
        } else if (e instanceof AppEvent.UnpublishFailed f) {
            AppPub held = appPubs.get(f.pub());
            if (held != null) {
                for (String x : held.instance().interfaces().keySet()) {
                    for (String target : targets(x)) {
                        out.add(new Event.UnpublishFailed(f.t(), f.client(), target, f.pub() + ">" + target,
                                f.error(), f.calledAt()));
                    }
                    mayUnhide(held, x, f.calledAt());
                }
            }
            out.add(f);
        } else if (e instanceof AppEvent.Subscribe s) {
            out.add(new Event.Subscribe(s.t(), s.client(), s.sub(), viewOf(s.interfaceId())));
        } else if (e instanceof AppEvent.Instances i) {
            out.add(new Event.Push(i.t(), i.sub(), viewOf(i.interfaceId()), i.version(), i.items(), i.bytes()));
        } else {
            out.add(e);
        }
    }

    private void collectItems(Event e) {
        if (e instanceof Event.Publish p) {
            interfaceItems.add(p.item());
        } else if (e instanceof Event.PublishFailed f) {
            interfaceItems.add(f.item());
        } else if (e instanceof AppEvent.Publish p) {
            p.instance().interfaces().keySet().forEach(x -> appItems.add(p.instance().item(x)));
        } else if (e instanceof AppEvent.PublishFailed f) {
            f.instance().interfaces().keySet().forEach(x -> appItems.add(f.instance().item(x)));
        }
    }

    /**
     * A publish or rollout that threw: each item it tried to set is in doubt (a failed publish), and each item of an
     * interface it would have dropped is in doubt as after a failed unpublish.
     */
    private void failed(AppEvent.PublishFailed f) {
        AppEvent.Instance tried = f.instance();
        for (String x : tried.interfaces().keySet()) {
            for (String target : targets(x)) {
                out.add(new Event.PublishFailed(f.t(), f.client(), target, f.pub() + ">" + target, tried.item(x),
                        f.error(), f.calledAt()));
            }
        }
        for (String x : tried.interfaces().keySet()) {
            if (viewed.contains(x)) { // a dual-published pod's interface-level item may be hidden from new subscribers
                for (IfacePub q : ifaceByDataId.getOrDefault(x, Map.of()).values()) {
                    if (ServiceAddress.of(q.item()).equals(tried.address())) {
                        out.add(new Event.UnpublishFailed(f.t(), q.client(), viewOf(x), q.pub() + ">" + viewOf(x),
                                f.error(), f.calledAt()));
                    }
                }
            }
        }
        AppPub held = appPubs.get(f.pub());
        if (held != null) {
            for (String x : held.instance().interfaces().keySet()) {
                if (!tried.provides(x)) {
                    for (String target : targets(x)) {
                        out.add(new Event.UnpublishFailed(f.t(), f.client(), target, f.pub() + ">" + target,
                                f.error(), f.calledAt()));
                    }
                }
                if (!tried.provides(x) || !tried.address().equals(held.instance().address())) {
                    mayUnhide(held, x, f.calledAt());
                }
            }
        }
    }

    /**
     * A failed call of {@code pod} may have taken its instance off X's providers (the session acted, the SDK keeps
     * it): new subscribers' views may then show X's interface-level items at its address again (flow 5e), though the
     * checker still hides them. In doubt in the view from the call until the pod's next successful call or its
     * client's close (or the item's own publisher's), which settles what the session holds.
     */
    private void mayUnhide(AppPub pod, String x, long from) {
        if (!viewed.contains(x)) {
            return;
        }
        for (IfacePub q : ifaceByDataId.getOrDefault(x, Map.of()).values()) {
            if (ServiceAddress.of(q.item()).equals(pod.instance().address())) {
                shown.add(new Shown(viewOf(x), q.item(), q.pub() + ">" + viewOf(x), from,
                        new HashSet<>(List.of(pod.pub(), q.pub())),
                        new HashSet<>(List.of(pod.client(), q.client()))));
            }
        }
    }

    /** A successful call, or a close, settles the doubts of {@link #mayUnhide} it names. */
    private void settle(Event e) {
        String pub = null;
        String client = null;
        if (e instanceof Event.Publish p) {
            pub = p.pub();
        } else if (e instanceof Event.Unpublish u) {
            pub = u.pub();
        } else if (e instanceof AppEvent.Publish p) {
            pub = p.pub();
        } else if (e instanceof AppEvent.Unpublish u) {
            pub = u.pub();
        } else if (e instanceof Event.Close c) {
            client = c.client();
        } else {
            return;
        }
        for (Shown d : shown) {
            if (d.settledAt == ItemSpan.NEVER && (d.pubs.contains(pub) || d.clients.contains(client))) {
                d.settledAt = e.t();
                d.settledBy = e.type() + " at t=" + e.t();
            }
        }
    }

    /**
     * A plain call on X that threw may or may not have put (or taken away) an item at {@code address}, which dual
     * publishing makes hide or show the converted items of instances at that address, on X only (in a view the
     * application-level item wins either way). A converted item listed now may have been hidden: in doubt from the
     * call until it goes, as after a failed unpublish. One hidden now may have been shown: in doubt as the item of a
     * failed publish, until listed again.
     */
    private void plainFailed(long t, String client, String x, String address, String error, long calledAt) {
        Map<String, Derived> listed = derived.getOrDefault(x, Map.of());
        for (AppPub a : appPubs.values()) {
            if (a.instance().provides(x) && a.instance().address().equals(address)) {
                String pub = a.pub() + ">" + x;
                out.add(listed.containsKey(pub) ? new Event.UnpublishFailed(t, client, x, pub, error, calledAt)
                        : new Event.PublishFailed(t, client, x, pub, a.instance().item(x), error, calledAt));
            }
        }
    }

    private List<String> targets(String interfaceId) {
        return viewed.contains(interfaceId) ? List.of(interfaceId, viewOf(interfaceId)) : List.of(interfaceId);
    }

    /** Brings the derived publishers of each interface in line with what is live now, as events at {@code t}. */
    private void reconcile(Set<String> interfaces, long t, long calledAt) {
        for (String x : interfaces) {
            Map<String, IfacePub> plain = ifaceByDataId.getOrDefault(x, Map.of());
            Set<String> plainAddresses = new HashSet<>();
            plain.values().forEach(q -> plainAddresses.add(ServiceAddress.of(q.item())));
            List<AppPub> providers = appPubs.values().stream().filter(a -> a.instance().provides(x)).toList();
            Set<String> appAddresses = new HashSet<>();
            providers.forEach(a -> appAddresses.add(a.instance().address()));

            Map<String, Derived> old = new LinkedHashMap<>();
            Map<String, String> hiddenOld = new LinkedHashMap<>();
            for (AppPub a : providers) {
                if (!plainAddresses.contains(a.instance().address())) {
                    old.put(a.pub() + ">" + x, new Derived(a.client(), a.instance().item(x), false));
                } else {
                    hiddenOld.put(a.pub() + ">" + x, a.instance().item(x));
                }
            }
            update(x, old, t, calledAt);
            hidden.update(x, hiddenOld, t, calledAt, cause);
            if (viewed.contains(x)) {
                String view = viewOf(x);
                Map<String, Derived> now = new LinkedHashMap<>();
                Map<String, String> hiddenNow = new LinkedHashMap<>();
                for (IfacePub q : plain.values()) {
                    if (!appAddresses.contains(ServiceAddress.of(q.item()))) {
                        now.put(q.pub() + ">" + view, new Derived(q.client(), q.item(), q.pinned()));
                    } else {
                        hiddenNow.put(q.pub() + ">" + view, q.item());
                    }
                }
                hidden.update(view, hiddenNow, t, calledAt, cause);
                for (AppPub a : providers) {
                    now.put(a.pub() + ">" + view, new Derived(a.client(), a.instance().item(x), false));
                }
                update(view, now, t, calledAt);
            }
        }
    }

    private void update(String dataId, Map<String, Derived> wanted, long t, long calledAt) {
        Map<String, Derived> held = derived.computeIfAbsent(dataId, k -> new LinkedHashMap<>());
        for (var it = held.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Derived> h = it.next();
            if (!wanted.containsKey(h.getKey())) {
                out.add(new Event.Unpublish(t, h.getValue().client(), dataId, h.getKey(), calledAt));
                it.remove();
            }
        }
        wanted.forEach((pub, d) -> {
            Derived was = held.put(pub, d);
            if (was == null || !was.item().equals(d.item())) {
                out.add(new Event.Publish(t, d.client(), dataId, pub, d.item(), d.pinned(), calledAt));
            }
        });
    }
}
