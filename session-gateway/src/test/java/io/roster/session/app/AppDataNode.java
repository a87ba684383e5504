package io.roster.session.app;

import com.alipay.remoting.Connection;
import io.roster.common.model.Datum;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.wire.DataChangeNotice;
import io.roster.common.wire.DatumDigest;
import io.roster.common.wire.DatumReply;
import io.roster.common.wire.DatumVersionsQuery;
import io.roster.common.wire.DatumVersionsReply;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.GetDatumRequest;
import io.roster.common.wire.InterestWithdrawal;
import io.roster.common.wire.SessionDigest;
import io.roster.common.wire.SessionDigestReply;
import io.roster.common.wire.SessionHello;
import io.roster.common.wire.SimpleReply;
import io.roster.testkit.bolt.FakeBoltPeer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A data slot leader stand-in on a real bolt port that holds datums the test writes: it answers reads whole, or as
 * the delta since the version asked when it still has that version, answers version queries, and sends its change
 * notices to every session connection that read from it (as data does to the sessions that declared interest).
 */
final class AppDataNode extends FakeBoltPeer {
    private static final ProcessId SESSION = new ProcessId("127.0.0.1:1", 1, 1);
    /** Every version of every datum written, by dataInfoId. */
    private final Map<String, Map<Long, Datum>> versions = new ConcurrentHashMap<>();
    private final Map<String, Datum> current = new ConcurrentHashMap<>();
    private final Set<Connection> sessions = ConcurrentHashMap.newKeySet();
    final List<GetDatumRequest> reads = new CopyOnWriteArrayList<>();
    private long lastVersion = 100;

    AppDataNode() {
        super("app-data", 2);
        handle(GetDatumRequest.class, (context, request) -> {
            sessions.add(context.getConnection());
            reads.add(request);
            return answer(request);
        }, (code, message) -> new DatumReply(code, message, null));
        handle(DatumVersionsQuery.class, q -> {
            List<DatumDigest> newer = new ArrayList<>();
            for (int i = 0; i < q.dataInfoIds().size(); i++) {
                Datum d = current.get(q.dataInfoIds().get(i));
                if (d != null && d.version() > q.pushedVersion(i)) {
                    newer.add(new DatumDigest(d.dataInfoId(), d.version(), d.publishers().size()));
                }
            }
            return new DatumVersionsReply(ErrorCode.OK, "", newer);
        }, (code, message) -> new DatumVersionsReply(code, message, List.of()));
        answer(SessionHello.class, new SimpleReply(ErrorCode.OK, ""));
        answer(InterestWithdrawal.class, new SimpleReply(ErrorCode.OK, ""));
        answer(SessionDigest.class, new SessionDigestReply(ErrorCode.OK, "", List.of()));
        listen();
    }

    private DatumReply answer(GetDatumRequest request) {
        String id = request.dataInfoId();
        Datum now = current.getOrDefault(id, Datum.absent(id));
        Datum base = request.sinceVersion() > 0 ? versions.getOrDefault(id, Map.of()).get(request.sinceVersion()) : null;
        if (base == null || now.version() == 0) {
            return new DatumReply(ErrorCode.OK, "", now);
        }
        Map<String, Publisher> before = new HashMap<>();
        base.publishers().forEach(p -> before.put(p.registerId(), p));
        List<Publisher> changed = new ArrayList<>();
        for (Publisher p : now.publishers()) {
            if (before.remove(p.registerId()) != p) {
                changed.add(p);
            }
        }
        return DatumReply.delta(id, now.version(), base.version(), changed, List.copyOf(before.keySet()),
                now.publishers().size());
    }

    /** Writes {@code items} (registerId -> the one item) as the new version of {@code dataInfoId}, then notifies. */
    synchronized long write(String dataInfoId, Map<String, String> items) {
        return write(dataInfoId, items, true);
    }

    /** As {@link #write(String, Map)}; {@code notify} false: the change notice is lost on the way. */
    synchronized long write(String dataInfoId, Map<String, String> items, boolean notify) {
        Datum old = current.getOrDefault(dataInfoId, Datum.absent(dataInfoId));
        Map<String, Publisher> kept = new LinkedHashMap<>();
        old.publishers().forEach(p -> kept.put(p.registerId(), p));
        List<Publisher> next = new ArrayList<>();
        int order = 0;
        for (Map.Entry<String, String> e : items.entrySet()) {
            Publisher held = kept.get(e.getKey());
            byte[] item = e.getValue().getBytes(StandardCharsets.UTF_8);
            if (held != null && new String(held.data().get(0), StandardCharsets.UTF_8).equals(e.getValue())) {
                next.add(held);
            } else {
                next.add(new Publisher(e.getKey(), dataInfoId, "c-" + e.getKey(), "app", "", List.of(item),
                        held == null ? 1 : held.version() + 1, held == null ? ++lastVersion : held.registerTimestamp(), SESSION));
            }
            order++;
        }
        next.sort(java.util.Comparator.comparingLong(Publisher::registerTimestamp).thenComparing(Publisher::registerId));
        long version = ++lastVersion;
        Datum d = new Datum(dataInfoId, version, next);
        current.put(dataInfoId, d);
        versions.computeIfAbsent(dataInfoId, k -> new ConcurrentHashMap<>()).put(version, d);
        if (notify) {
            for (Connection c : sessions) {
                try {
                    server().oneway(c, new DataChangeNotice(dataInfoId, version));
                } catch (Exception e) {
                    // a closed session connection: nothing to notify there
                }
            }
        }
        return version;
    }

    long version(String dataInfoId) {
        return current.getOrDefault(dataInfoId, Datum.absent(dataInfoId)).version();
    }
}
