package io.roster.common.wire;

import io.roster.common.model.*;

/** Session to slot leader: store or replace a publisher. */
public final class PublishWrite {
    private final int slotId;
    private final Publisher publisher;

    public PublishWrite(int slotId, Publisher publisher) {
        this.slotId = slotId;
        this.publisher = publisher;
    }

    public int slotId() {
        return slotId;
    }

    public Publisher publisher() {
        return publisher;
    }

    @Override
    public String toString() {
        return "PublishWrite{" + "slotId=" + slotId + " " + "publisher=" + publisher + "}";
    }
}
