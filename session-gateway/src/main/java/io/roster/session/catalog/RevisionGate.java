package io.roster.session.catalog;

import com.alipay.remoting.BizContext;

/**
 * Whether the client whose call came in {@code context} may register a revision of {@code app}: the refusal (its
 * code and message, as a {@link io.roster.common.wire.SimpleReply}) or null. Client authentication plugs in here, so
 * an unauthenticated client cannot fill meta's revision catalog, nor register revisions in another app's name.
 */
@FunctionalInterface
public interface RevisionGate {
    RevisionGate OPEN = (context, app) -> null;

    io.roster.common.wire.SimpleReply refusal(BizContext context, String app);
}
