package io.roster.common.config;

import java.util.List;

/**
 * Every configuration key Roster knows. {@code conf/roster.properties} documents each of them in place, and a
 * test keeps the two in step. Names are lower-case with dots and dashes; the environment variable for a key is
 * ROSTER_ plus the name upper-cased with dots and dashes as underscores (session.port: ROSTER_SESSION_PORT).
 */
public final class ConfigKeys {
    private ConfigKeys() {
    }

    public static final ConfigKey<List<String>> ROLES = ConfigKey.listKey("roster.roles", "meta,data,session",
            "Roles this process runs: any of meta, data, session.");
    public static final ConfigKey<String> HOST = ConfigKey.hostKey("roster.host", "127.0.0.1",
            "Address this node advertises to the others (Raft peer name, node address in meta): one every other host reaches, never 0.0.0.0. The admin port binds to admin.bind, else to this address when it is a loopback one, else to 127.0.0.1.");
    public static final ConfigKey<String> BIND_HOST = ConfigKey.stringKey("roster.bind-host", "",
            "Address the meta, data and session ports listen on. Empty: roster.host. 0.0.0.0 listens on every interface while the node still advertises roster.host.");
    public static final ConfigKey<String> DATA_DIR = ConfigKey.stringKey("roster.data-dir", "./data",
            "Directory for Raft logs, snapshots and data-node storage.");

    public static final ConfigKey<Integer> META_PORT = ConfigKey.portKey("meta.port", 9611,
            "Meta port: Raft, heartbeats and admin calls. Must be fixed (Raft peers are named by it).");
    public static final ConfigKey<List<String>> META_PEERS = ConfigKey.addressListKey("meta.peers", "",
            "The meta Raft group, host:port,... Empty: a one-node group of this node.");
    public static final ConfigKey<List<String>> META_SERVERS = ConfigKey.addressListKey("meta.servers", "",
            "Where data and session nodes find meta, host:port,... Empty: meta.peers, or this node's meta.");
    public static final ConfigKey<Boolean> META_JOIN = ConfigKey.boolKey("meta.join", false,
            "Start this meta node outside the group, with no peers, waiting to be added by roster meta add-peer.");
    public static final ConfigKey<Integer> META_MAX_MIGRATIONS = ConfigKey.intKey("meta.max-migrations", 16, 1, 16_384,
            "At most this many slots are copied to new replicas at once; promotions of a dead leader's follower are never held back.");
    public static final ConfigKey<Integer> META_REVISION_GRACE_MS = ConfigKey.intKey("meta.revision-grace-ms", 600_000, 1_000, 86_400_000,
            "A registered application revision that no session reports in use and nobody registers for this long is collected by the meta leader (a new leader first waits this long).");
    public static final ConfigKey<Integer> META_MAX_REVISIONS = ConfigKey.intKey("meta.max-revisions", 10_000, 1, 1_000_000,
            "Most application revisions meta keeps live; registering a new one beyond it is refused (LIMIT_EXCEEDED). Keeps a session's full catalog fetch within rpc.max-frame-bytes.");
    public static final ConfigKey<Integer> META_ELECTION_TIMEOUT_MS = ConfigKey.intKey("meta.election-timeout-ms", 1000, 100, 60_000,
            "Raft election timeout of the meta group. Below ~300 ms 2-core machines churn leaders.");
    public static final ConfigKey<Integer> META_SNAPSHOT_INTERVAL_SECS = ConfigKey.intKey("meta.snapshot-interval-secs", 3600, 1, 86_400,
            "How often each meta node snapshots its state (and truncates its Raft log).");

    public static final ConfigKey<Integer> DATA_PORT = ConfigKey.portKey("data.port", 9621,
            "Data node port: writes and reads from sessions, replication between data nodes. Its RocksDB copy lives in roster.data-dir/data-PORT, so keep it fixed (0 picks a free port and starts with an empty copy each time).");
    public static final ConfigKey<Integer> SESSION_PORT = ConfigKey.portKey("session.port", 9601,
            "Session port that clients connect to. 0 picks a free port.");
    public static final ConfigKey<Integer> ADMIN_PORT = ConfigKey.portKey("admin.port", 9680,
            "Admin HTTP port: /health and /api/... 0 picks a free port.");
    public static final ConfigKey<String> ADMIN_BIND = ConfigKey.stringKey("admin.bind", "",
            "Address the admin HTTP port binds to. Empty: roster.host when that is a loopback address, else 127.0.0.1, so the admin port is reachable from this machine only until you choose otherwise (e.g. 0.0.0.0).");
    public static final ConfigKey<String> ADMIN_TOKEN = ConfigKey.stringKey("admin.token", "",
            "Token the admin port's write calls (levers, console actions) need, sent as 'Authorization: Bearer TOKEN'; at least 16 characters. Empty, and no admin.token-file: every write is refused (403). The roster CLI reads it from ROSTER_ADMIN_TOKEN or --token-file.");
    public static final ConfigKey<String> ADMIN_TOKEN_FILE = ConfigKey.stringKey("admin.token-file", "",
            "A file holding the admin token (its first line), instead of admin.token; set one of the two, not both.");
    public static final ConfigKey<Boolean> ADMIN_READ_TOKEN_REQUIRED = ConfigKey.boolKey("admin.read-token-required", false,
            "When true, reads (/api/..., /metrics) need the admin token too; /health and the console's static files never do.");

    public static final ConfigKey<Boolean> TLS_ENABLED = ConfigKey.boolKey("tls.enabled", false,
            "Mutual TLS between nodes: the meta and data ports admit only certificates of the cluster CA that state the node role, and every node-to-node link (Raft included) runs over TLS. Needs tls.keystore, its password and tls.ca-cert. roster certs makes them.");
    public static final ConfigKey<String> TLS_KEYSTORE = ConfigKey.stringKey("tls.keystore", "",
            "This node's PKCS12 keystore: its private key and its node certificate, signed by the cluster CA.");
    public static final ConfigKey<String> TLS_KEYSTORE_PASSWORD = ConfigKey.stringKey("tls.keystore-password", "",
            "The password of tls.keystore; prefer tls.keystore-password-file.");
    public static final ConfigKey<String> TLS_KEYSTORE_PASSWORD_FILE = ConfigKey.stringKey("tls.keystore-password-file", "",
            "A file holding the password of tls.keystore (its first line), instead of tls.keystore-password; set one of the two, not both.");
    public static final ConfigKey<String> TLS_CA_CERT = ConfigKey.stringKey("tls.ca-cert", "",
            "The cluster CA's certificate (PEM). A peer is trusted only with a certificate this CA signed.");
    public static final ConfigKey<Boolean> TLS_CLIENT_LINKS = ConfigKey.boolKey("tls.client-links", false,
            "With tls.enabled, the session port takes TLS connections only, so every client shows a certificate of the cluster CA (client or node role). False: clients may connect plain, while data and meta still reach the session over TLS and only they may ask it node questions.");

    public static final ConfigKey<Integer> CLUSTER_SLOTS = ConfigKey.intKey("cluster.slots", 256, 1, 16_384,
            "Number of slots the data is sharded into. Fixed when a cluster is created.");
    public static final ConfigKey<Integer> CLUSTER_REPLICAS = ConfigKey.intKey("cluster.replicas", 2, 1, 5,
            "Copies of each slot (a leader plus followers). Fixed when a cluster is created.");

    public static final ConfigKey<Integer> HEARTBEAT_INTERVAL_MS = ConfigKey.intKey("heartbeat.interval-ms", 1000, 50, 60_000,
            "How often data and session nodes heartbeat to meta.");
    public static final ConfigKey<Integer> LEASE_DURATION_MS = ConfigKey.intKey("lease.duration-ms", 3000, 150, 600_000,
            "A data or session node missing heartbeats this long is expired by meta.");
    public static final ConfigKey<Integer> RPC_TIMEOUT_MS = ConfigKey.intKey("rpc.timeout-ms", 3000, 10, 600_000,
            "Timeout of one call between nodes.");
    public static final ConfigKey<Integer> RPC_MAX_FRAME_BYTES = ConfigKey.intKey("rpc.max-frame-bytes", 16 * 1024 * 1024, 64 * 1024, 1 << 30,
            "Largest bolt frame (header plus body, in bytes) a meta, data or session port accepts; a connection announcing a larger one is closed before its body is buffered. Must be at least twice the largest publisher (limits.data-items-max x limits.data-item-max-bytes) plus 1 MiB.");

    public static final ConfigKey<Integer> DATA_REPLICA_SYNC_INTERVAL_MS = ConfigKey.intKey("data.replica-sync-interval-ms", 3000, 50, 600_000,
            "How often a follower compares its copy of each slot with the leader's digest and fetches what differs.");
    public static final ConfigKey<Integer> DATA_MIGRATION_TIMEOUT_MS = ConfigKey.intKey("data.migration-timeout-ms", 10_000, 100, 600_000,
            "How long a new slot leader waits for a live but silent session before a warm copy serves the slot with that session's publishers kept (a cold copy waits for its answer or its expiry).");
    public static final ConfigKey<Integer> DATA_MOVED_SLOT_DROP_DELAY_MS = ConfigKey.intKey("data.moved-slot-drop-delay-ms", 30_000, 0, 86_400_000,
            "How long a data node keeps its copy of a slot it no longer holds before dropping it.");
    public static final ConfigKey<Integer> DATA_TOMBSTONE_GRACE_MS = ConfigKey.intKey("data.tombstone-grace-ms", 60_000, 1_000, 86_400_000,
            "How long an emptied datum (a tombstone) is kept before it is collected; swept every quarter of it (1 s to 60 s). "
                    + "Keep it well above rpc.timeout-ms and data.replica-sync-interval-ms, so every copy has seen the emptied datum first.");

    public static final ConfigKey<Integer> SESSION_DIGEST_INTERVAL_MS = ConfigKey.intKey("session.digest-interval-ms", 3000, 50, 600_000,
            "How often a session sends each data leader the digest of its publishers, so data repairs what a crash or lost write left wrong.");
    public static final ConfigKey<Integer> SESSION_VERSION_CHECK_INTERVAL_MS = ConfigKey.intKey("session.version-check-interval-ms", 3000, 50, 600_000,
            "How often a session compares the versions it pushed with the slot leaders' versions, so a lost change notice costs at most this long.");
    public static final ConfigKey<Integer> SESSION_PUSH_DEBOUNCE_MS = ConfigKey.intKey("session.push-debounce-ms", 20, 0, 10_000,
            "A session pushes an isolated change at once; changes to a dataInfoId that come while a push round of it reads, or within this long after that read, merge into one round when this window ends, so a burst costs one round per window.");
    public static final ConfigKey<Integer> SESSION_PUSH_TIMEOUT_MS = ConfigKey.intKey("session.push-timeout-ms", 2000, 10, 600_000,
            "How long a session waits for a client to acknowledge a push.");
    public static final ConfigKey<Integer> SESSION_PUSH_COMPRESS_MIN_BYTES = ConfigKey.intKey("session.push-compress-min-bytes", 8192, 0, Integer.MAX_VALUE,
            "Pushes whose data items add up to at least this many bytes are sent deflated; 0 sends every push plain.");
    public static final ConfigKey<Integer> SESSION_MAX_CLIENTS = ConfigKey.intKey("session.max-clients", 10_000, 1, 1_000_000,
            "Client connections one session serves; a registration over one more is refused with SESSION_FULL and the SDK moves to another session.");
    public static final ConfigKey<Integer> SESSION_MAX_REGISTRATIONS_PER_CLIENT = ConfigKey.intKey("session.max-registrations-per-client", 10_000, 1, 10_000_000,
            "Publishers plus subscribers one client may hold on a session; one more is refused with LIMIT_EXCEEDED.");
    public static final ConfigKey<Integer> SESSION_MAX_PENDING_PUSHES_PER_CLIENT = ConfigKey.intKey("session.max-pending-pushes-per-client", 256, 1, 1_000_000,
            "Pushes awaiting one client connection's acknowledgement at once; further changes for it wait and go, at their latest version, as acks come back.");
    public static final ConfigKey<Integer> SESSION_RATE_LIMIT_CLIENT_PER_SEC = ConfigKey.intKey("session.rate-limit.client-per-sec", 2_000, 0, 100_000_000,
            "Registration calls (publish, unpublish, subscribe, unsubscribe, revision registration) one client connection may make per second on a session; more are refused with RATE_LIMITED and the SDK retries them with backoff. 0: no limit.");
    public static final ConfigKey<Integer> SESSION_RATE_LIMIT_CLIENT_BURST = ConfigKey.intKey("session.rate-limit.client-burst", 4_000, 1, 100_000_000,
            "Registration calls one client connection may make at once after a quiet spell, above session.rate-limit.client-per-sec.");
    public static final ConfigKey<Integer> SESSION_RATE_LIMIT_SESSION_PER_SEC = ConfigKey.intKey("session.rate-limit.session-per-sec", 50_000, 0, 100_000_000,
            "Registration calls one session takes per second from all its clients together; more are refused with RATE_LIMITED. 0: no limit.");
    public static final ConfigKey<Integer> SESSION_RATE_LIMIT_SESSION_BURST = ConfigKey.intKey("session.rate-limit.session-burst", 100_000, 1, 100_000_000,
            "Registration calls one session takes at once from all its clients after a quiet spell, above session.rate-limit.session-per-sec.");

    public static final ConfigKey<Integer> LIMITS_DATA_INFO_ID_MAX_LENGTH = ConfigKey.intKey("limits.data-info-id-max-length", 512, 16, 65_535,
            "Longest dataInfoId (dataId#@#instanceId#@#group), in characters.");
    public static final ConfigKey<Integer> LIMITS_DATA_ITEM_MAX_BYTES = ConfigKey.intKey("limits.data-item-max-bytes", 16 * 1024, 1, 4 * 1024 * 1024,
            "Largest single data item of a publisher, in bytes.");
    public static final ConfigKey<Integer> LIMITS_DATA_ITEMS_MAX = ConfigKey.intKey("limits.data-items-max", 32, 1, 1024,
            "Most data items one publisher may carry.");
    public static final ConfigKey<Integer> LIMITS_APP_NAME_MAX_LENGTH = ConfigKey.intKey("limits.app-name-max-length", 128, 1, 1024,
            "Longest application name, in characters.");

    public static final ConfigKey<Boolean> SECURITY_CLIENT_AUTH = ConfigKey.boolKey("security.client-auth", false,
            "When true, sessions accept registrations only from clients whose hello names an application and a valid token (roster acl token create APP), and only for dataIds an allow rule gives that application; see docs/SECURITY.md.");

    public static final List<ConfigKey<?>> ALL = List.of(ROLES, HOST, BIND_HOST, DATA_DIR, META_PORT, META_PEERS, META_SERVERS,
            META_JOIN, META_MAX_MIGRATIONS, META_REVISION_GRACE_MS, META_MAX_REVISIONS, META_ELECTION_TIMEOUT_MS, META_SNAPSHOT_INTERVAL_SECS, DATA_PORT, SESSION_PORT, ADMIN_PORT,
            ADMIN_BIND, ADMIN_TOKEN, ADMIN_TOKEN_FILE, ADMIN_READ_TOKEN_REQUIRED, TLS_ENABLED, TLS_KEYSTORE, TLS_KEYSTORE_PASSWORD,
            TLS_KEYSTORE_PASSWORD_FILE, TLS_CA_CERT, TLS_CLIENT_LINKS, CLUSTER_SLOTS,
            CLUSTER_REPLICAS, HEARTBEAT_INTERVAL_MS, LEASE_DURATION_MS, RPC_TIMEOUT_MS, RPC_MAX_FRAME_BYTES, DATA_REPLICA_SYNC_INTERVAL_MS,
            DATA_MIGRATION_TIMEOUT_MS, DATA_MOVED_SLOT_DROP_DELAY_MS, DATA_TOMBSTONE_GRACE_MS, SESSION_DIGEST_INTERVAL_MS, SESSION_VERSION_CHECK_INTERVAL_MS,
            SESSION_PUSH_DEBOUNCE_MS,
            SESSION_PUSH_TIMEOUT_MS, SESSION_PUSH_COMPRESS_MIN_BYTES, SESSION_MAX_CLIENTS, SESSION_MAX_REGISTRATIONS_PER_CLIENT,
            SESSION_MAX_PENDING_PUSHES_PER_CLIENT, SESSION_RATE_LIMIT_CLIENT_PER_SEC, SESSION_RATE_LIMIT_CLIENT_BURST,
            SESSION_RATE_LIMIT_SESSION_PER_SEC, SESSION_RATE_LIMIT_SESSION_BURST, LIMITS_DATA_INFO_ID_MAX_LENGTH, LIMITS_DATA_ITEM_MAX_BYTES, LIMITS_DATA_ITEMS_MAX,
            LIMITS_APP_NAME_MAX_LENGTH, SECURITY_CLIENT_AUTH);

    public static ConfigKey<?> byName(String name) {
        for (ConfigKey<?> k : ALL) {
            if (k.name().equals(name)) {
                return k;
            }
        }
        return null;
    }

    /** ROSTER_ plus the key upper-cased, dots and dashes as underscores. */
    public static String envName(ConfigKey<?> key) {
        return "ROSTER_" + key.name().toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
