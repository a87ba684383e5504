package io.roster.datastore.session;

import io.roster.common.model.NodeInfo;
import io.roster.common.model.ProcessId;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides which session processes meta has expired, from the successive session lists of the cluster view. A
 * process counts as expired only once it was listed and then is not: a new session may write here before its
 * first heartbeat reaches meta, and must not lose those writes. And only from a view read from a meta state at
 * least as new as every one seen before (ARCHITECTURE.md invariant 6): a list from an older image, e.g. a deposed meta
 * leader's, says nothing about who is gone and changes nothing here.
 */
public final class SessionExpiry {
    private final Set<ProcessId> seen = new HashSet<>();
    private long metaVersion;

    /**
     * The session processes listed in an earlier view and missing from {@code sessionNodes}, read from the meta
     * state at {@code metaVersion}; none when that state is older than one seen before.
     */
    public synchronized List<ProcessId> onView(long metaVersion, List<NodeInfo> sessionNodes) {
        if (metaVersion < this.metaVersion) {
            return List.of();
        }
        this.metaVersion = metaVersion;
        Set<ProcessId> listed = new HashSet<>();
        for (NodeInfo n : sessionNodes) {
            if (n != null && n.processId() != null) {
                listed.add(n.processId());
            }
        }
        List<ProcessId> expired = new ArrayList<>();
        for (ProcessId p : seen) {
            if (!listed.contains(p)) {
                expired.add(p);
            }
        }
        seen.removeAll(expired);
        seen.addAll(listed);
        return expired;
    }
}
