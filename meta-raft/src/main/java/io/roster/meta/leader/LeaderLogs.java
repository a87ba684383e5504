package io.roster.meta.leader;

import io.roster.common.model.NodeInfo;
import io.roster.common.model.SlotTable;
import io.roster.common.slot.SlotRanges;
import io.roster.meta.image.MetaImage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** What the leader loop logs about the entries it wrote (under {@link LeaderLoop}'s logger). */
final class LeaderLogs {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderLoop.class);

    private LeaderLogs() {
    }

    static void logJoin(MetaImage before, NodeInfo node) {
        NodeInfo old = before.node(node.address()).orElse(null);
        if (old == null) {
            LOG.info("{} node {} joined (process {})", node.role(), node.address(), node.processId());
        } else {
            LOG.info("{} node {} restarted: process {} replaces {}", node.role(), node.address(), node.processId(),
                    old.processId());
        }
    }

    static void logTable(SlotTable before, SlotTable after, int migrating) {
        LOG.info(tableLine(before, after, migrating));
    }

    /** One line per table change; which slots changed leader as ranges (0-63,128-191), never 256 numbers. */
    static String tableLine(SlotTable before, SlotTable after, int migrating) {
        List<Integer> moved = new ArrayList<>();
        for (int i = 0; i < after.slotCount(); i++) {
            if (i >= before.slotCount() || !before.slot(i).leader().equals(after.slot(i).leader())) {
                moved.add(i);
            }
        }
        String which = moved.isEmpty() ? "" : " (slots " + SlotRanges.format(moved) + ")";
        return "slot table epoch " + before.epoch() + " -> " + after.epoch() + ": " + moved.size() + " slot leaders changed"
                + which + ", " + migrating + " slots migrating, leaders per node " + new TreeMap<>(after.leaderCounts());
    }
}
