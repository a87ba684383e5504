package io.roster.meta.image;

import io.roster.common.acl.ClientAcl;

import java.util.Objects;

/** The client ACL (token hashes and allow rules) as the log set it; its version is a log index. */
public record AclImage(ClientAcl acl) {
    public static final AclImage NONE = new AclImage(ClientAcl.NONE);

    public AclImage {
        Objects.requireNonNull(acl, "acl");
    }
}
