package io.roster.session.reconcile;

import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.common.slot.SlotFunction;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Publishers and dataInfoIds placed in chosen slots, for the reconciliation tests. */
final class TestPublishers {
    private TestPublishers() {
    }

    /** A canonical dataInfoId that hashes to {@code slot}; {@code nth} picks another one of the same slot. */
    static String dataInfoIdIn(SlotFunction slots, int slot, int nth) {
        int found = 0;
        for (int i = 0; ; i++) {
            String id = "svc-" + i + "#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
            if (slots.slotOf(id) == slot && found++ == nth) {
                return id;
            }
        }
    }

    static Publisher publisher(String registerId, String dataInfoId, long version, long stamp, ProcessId session) {
        return new Publisher(registerId, dataInfoId, "client-" + registerId, "app", "",
                List.of(("10.0.0.1:" + registerId).getBytes(StandardCharsets.UTF_8)), version, stamp, session);
    }
}
