package io.roster.meta.state;

import java.util.Arrays;

/**
 * The stable tag of each record type in the Raft log. The log and snapshots outlive class names, so entries name
 * their type by this number, never by Java class: renaming a class must not make an old log unreadable.
 * Tags are never reused or renumbered. Reserved: 10.
 */
public enum RecordType {
    NODE_JOINED(1, NodeJoined.class),
    NODE_EXPIRED(2, NodeExpired.class),
    SLOT_TABLE_CHANGED(3, SlotTableChanged.class),
    SWITCH_CHANGED(4, SwitchChanged.class),
    REVISION_REGISTERED(5, RevisionRegistered.class),
    REVISIONS_COLLECTED(6, RevisionsCollected.class),
    LEVER_CHANGED(7, LeverChanged.class),
    APP_CREDENTIAL_CHANGED(8, AppCredentialChanged.class),
    ACL_RULE_CHANGED(9, AclRuleChanged.class);

    private final int tag;
    private final Class<? extends MetaRecord> recordClass;

    RecordType(int tag, Class<? extends MetaRecord> recordClass) {
        this.tag = tag;
        this.recordClass = recordClass;
    }

    public int tag() {
        return tag;
    }

    public Class<? extends MetaRecord> recordClass() {
        return recordClass;
    }

    public static RecordType ofTag(int tag) {
        return Arrays.stream(values()).filter(t -> t.tag == tag).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown meta record tag " + tag
                        + " (written by a newer Roster version?)"));
    }

    public static RecordType of(MetaRecord record) {
        return Arrays.stream(values()).filter(t -> t.recordClass == record.getClass()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no record tag for " + record.getClass().getName()));
    }
}
