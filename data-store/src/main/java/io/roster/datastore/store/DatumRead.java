package io.roster.datastore.store;

import io.roster.common.model.Datum;
import io.roster.common.model.Publisher;

import java.util.List;

/**
 * A read of one datum: whole ({@code baseVersion} 0, {@code whole} set), or the changes from {@code baseVersion} to
 * {@code version}: {@code changed} the publishers written since and present now (as they are now), {@code removed} the
 * registerIds removed since and absent now, {@code publisherCount} the size of the current version.
 */
public record DatumRead(Datum whole, String dataInfoId, long version, long baseVersion, List<Publisher> changed,
                        List<String> removed, int publisherCount) {

    static DatumRead whole(Datum datum) {
        return new DatumRead(datum, datum.dataInfoId(), datum.version(), 0, List.of(), List.of(),
                datum.publishers().size());
    }

    static DatumRead delta(String dataInfoId, long version, long baseVersion, List<Publisher> changed,
                           List<String> removed, int publisherCount) {
        return new DatumRead(null, dataInfoId, version, baseVersion, changed, removed, publisherCount);
    }

    public boolean isDelta() {
        return whole == null;
    }
}
