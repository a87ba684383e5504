package io.roster.session;

import io.roster.common.lever.IncidentLevers;
import io.roster.common.model.Switch;
import io.roster.common.view.ClusterView;
import io.roster.common.view.ClusterViewDelta;
import io.roster.common.view.ClusterViewListener;
import io.roster.session.push.PushEngine;
import io.roster.session.push.VersionCheck;
import io.roster.session.reconcile.DigestReporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * What a session does when its cluster view changes: the push switch's flips go to the push engine (off: changes are
 * held; on: the held ones are pushed at their latest), new incident levers to the session's enforcement, the data nodes hear hello again (a new or restarted one learns
 * where to send notices), the digest reporter learns the slot table's epoch, and a version check runs at once so new
 * slot leaders learn this session's interest.
 */
final class SessionViewListener implements ClusterViewListener {
    private static final Logger LOG = LoggerFactory.getLogger(SessionViewListener.class);

    private final String address;
    private final PushEngine pushes;
    private final LongConsumer slotTableEpoch;
    private final Runnable versionCheckSoon;
    private final Runnable helloSoon;
    private final Consumer<IncidentLevers> leversChanged;

    SessionViewListener(String address, PushEngine pushes, LongConsumer slotTableEpoch, Runnable versionCheckSoon,
                        Runnable helloSoon) {
        this(address, pushes, slotTableEpoch, versionCheckSoon, helloSoon, levers -> { });
    }

    /**
     * @param slotTableEpoch   {@link DigestReporter#slotTableChanged}
     * @param versionCheckSoon {@link VersionCheck#soon}
     * @param helloSoon        {@link io.roster.session.routing.DataHellos#soon}
     * @param leversChanged    {@link io.roster.session.lever.SessionLevers#apply}
     */
    SessionViewListener(String address, PushEngine pushes, LongConsumer slotTableEpoch, Runnable versionCheckSoon,
                        Runnable helloSoon, Consumer<IncidentLevers> leversChanged) {
        this.leversChanged = leversChanged;
        this.address = address;
        this.pushes = pushes;
        this.slotTableEpoch = slotTableEpoch;
        this.versionCheckSoon = versionCheckSoon;
        this.helloSoon = helloSoon;
    }

    @Override
    public void onChange(ClusterViewDelta delta) {
        if (delta.turnedOff(Switch.PUSH)) {
            LOG.info("push switch turned off; changes are held until it is on again");
            pushes.switchFlipped(false);
        } else if (delta.turnedOn(Switch.PUSH)) {
            LOG.info("push switch turned on; pushing the latest data of {} held dataInfoId(s)", pushes.heldCount());
            pushes.switchFlipped(true);
        }
        ClusterView view = delta.after();
        if (delta.leversChanged()) {
            leversChanged.accept(view.levers()); // after the switch: gray push applies to the switch as it is now
        }
        LOG.info("session {} now knows slot table epoch {} with {} data node(s)", address, view.slotTable().epoch(),
                view.dataNodes().size());
        helloSoon.run();
        slotTableEpoch.accept(view.slotTable().epoch());
        versionCheckSoon.run(); // new slot leaders, or a restarted data node, learn this session's interest from it
    }
}
