package io.roster.session.catalog;

import io.roster.common.app.AppIds;
import io.roster.common.app.AppInstance;
import io.roster.common.app.Revision;
import io.roster.common.app.RevisionCatalog;
import io.roster.common.model.DataInfoId;
import io.roster.common.model.InvalidInputException;

import java.util.List;
import java.util.function.Supplier;

/**
 * What a session lets a client publish to Roster's reserved groups: to an application's datum, exactly one
 * {@link AppInstance} item whose revision this session's catalog knows and belongs to that application (so every
 * instance it holds can be converted); to a providers datum, or any other {@code ROSTER_} group, nothing. Other
 * datums pass unchecked. Subscribing to any of them is allowed.
 */
public final class AppPublishCheck {
    private final Supplier<RevisionCatalog> catalog;

    public AppPublishCheck(Supplier<RevisionCatalog> catalog) {
        this.catalog = catalog;
    }

    /** Read off the canonical text: parsing it again would cost every ordinary publish. */
    private static boolean inReservedGroup(String dataInfoId) {
        int at = dataInfoId.lastIndexOf(DataInfoId.SEPARATOR);
        return at >= 0 && dataInfoId.startsWith(AppIds.RESERVED_GROUP_PREFIX, at + DataInfoId.SEPARATOR.length());
    }

    /** Throws {@link InvalidInputException} naming what is wrong with publishing {@code data} to {@code dataInfoId}. */
    public void check(String dataInfoId, List<byte[]> data) {
        if (AppIds.isProvidersDatum(dataInfoId)) {
            throw new InvalidInputException(dataInfoId + " is computed by the session from the revision catalog (the "
                    + "applications providing " + AppIds.interfaceOfProviders(dataInfoId) + "), never published");
        }
        String app = AppIds.appOf(dataInfoId);
        if (app == null) {
            if (inReservedGroup(dataInfoId)) {
                throw new InvalidInputException(dataInfoId + " is in a group reserved for Roster ("
                        + AppIds.RESERVED_GROUP_PREFIX + "*); publish application instances with RosterClient.publishApplication");
            }
            return;
        }
        if (data == null || data.size() != 1) {
            throw new InvalidInputException("a publisher of application datum " + dataInfoId
                    + " must carry exactly one application instance item, got " + (data == null ? 0 : data.size()));
        }
        AppInstance instance = AppInstance.decode(data.get(0));
        Revision revision = catalog.get().revision(instance.revision());
        if (revision == null) {
            throw new InvalidInputException("revision " + instance.revision() + " is not registered: register it first "
                    + "(RosterClient.publishApplication does)");
        }
        if (!revision.app().equals(app)) {
            throw new InvalidInputException("revision " + instance.revision() + " belongs to application " + revision.app()
                    + ", not to " + app + " whose datum this is");
        }
    }
}
