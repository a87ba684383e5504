package io.roster.client;

import io.roster.common.model.RegistryLimits;
import io.roster.common.tls.LinkSecurity;
import io.roster.common.tls.TlsCredentials;
import io.roster.common.tls.TlsFiles;
import io.roster.common.tls.TlsRole;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Options of a {@link RosterClient}; {@link #build()} connects. {@link #appName} is required, and {@link #sessions}
 * or {@link #metaServers} (or both).
 */
public final class RosterClientBuilder {
    /** See {@link #requestTimeout(Duration)}. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Largest bolt frame the SDK takes from a session: the most a push may inflate to plus 1 MiB of names and
     * framing, so no push the SDK would accept is refused, and a session announcing more is disconnected before its
     * body is buffered.
     */
    public static final int MAX_FRAME_BYTES = (int) (io.roster.client.push.PushHandler.MAX_PUSH_BYTES + (1 << 20));

    private List<String> sessions = List.of();
    private List<String> metaServers = List.of();
    private String appName;
    private String zone = "";
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private Duration backoffMin = Duration.ofMillis(100);
    private Duration backoffMax = Duration.ofSeconds(5);
    private RegistryLimits limits = RegistryLimits.DEFAULTS;
    private Duration livenessInterval = ClientOptions.DEFAULT_LIVENESS_INTERVAL;
    private Duration livenessTimeout = ClientOptions.DEFAULT_LIVENESS_TIMEOUT;
    private boolean deltaPush = true;
    private TlsFiles tls;
    private ClientCredentials credentials;
    /** Where TLS files and credentials come from when none are given: the process environment (tests pass their own). */
    private Map<String, String> environment = System.getenv();

    RosterClientBuilder() {
    }

    /** Session addresses as {@code host:port,host:port}; the client starts with the first. */
    public RosterClientBuilder sessions(String commaSeparated) {
        Objects.requireNonNull(commaSeparated, "sessions");
        return sessions(Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    /**
     * Meta addresses as {@code host:port,host:port}: the client takes the live sessions from meta (asked at
     * {@link #build()}, again every 30 s and after each failed or lost connection) instead of a fixed list. Sessions
     * given as well serve until meta is first reached.
     */
    public RosterClientBuilder metaServers(String commaSeparated) {
        Objects.requireNonNull(commaSeparated, "metaServers");
        this.metaServers = Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        return this;
    }

    /**
     * How often the client pings its session, and how long a ping may go unanswered before the client leaves that
     * session for another (0.5 s and 1 s by default, below the default 3 s lease, so a stalled session's clients have
     * moved before meta expires it). The old connection is closed only once the new session holds every
     * registration. {@code Duration.ZERO} as interval turns the check off.
     */
    public RosterClientBuilder livenessCheck(Duration interval, Duration timeout) {
        this.livenessInterval = interval;
        this.livenessTimeout = timeout;
        return this;
    }

    /** Session addresses ({@code host:port}); the client starts with the first. */
    public RosterClientBuilder sessions(List<String> addresses) {
        this.sessions = List.copyOf(addresses);
        return this;
    }

    /** The application's name, sent with every registration. Required. */
    public RosterClientBuilder appName(String appName) {
        this.appName = appName;
        return this;
    }

    /** The zone sent with every registration; empty by default. */
    public RosterClientBuilder zone(String zone) {
        this.zone = zone == null ? "" : zone;
        return this;
    }

    /** How long {@link #build()} and each call wait for a session connection; 5 s by default. */
    public RosterClientBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = timeout;
        return this;
    }

    /**
     * How long one call waits for the session's answer; 10 s by default. No answer in that time counts as a dead
     * connection: the client drops it, reconnects and replays every registration.
     *
     * <p>Keep it well above the cluster's {@code rpc.timeout-ms} (3 s by default). That bounds how long a session
     * keeps retrying a write toward the data nodes, e.g. while a data node fails over, before it answers. With a
     * request timeout at or below it, the client gives up first during a failover. It then reconnects and replays
     * everything, which adds load just when the cluster is recovering, instead of getting the session's answer.
     */
    public RosterClientBuilder requestTimeout(Duration timeout) {
        this.requestTimeout = timeout;
        return this;
    }

    /** Delay between failed connection attempts, doubling from min to max; 100 ms and 5 s by default. */
    public RosterClientBuilder reconnectBackoff(Duration min, Duration max) {
        this.backoffMin = min;
        this.backoffMax = max;
        return this;
    }

    /** Bounds checked locally before anything is sent; they should match the cluster's. */
    public RosterClientBuilder limits(RegistryLimits limits) {
        this.limits = limits;
        return this;
    }

    /**
     * Whether the client takes delta pushes (true by default): it tells each session so in a hello on connecting,
     * and the session then sends, after a first full list, only the publishers added, replaced or removed since the
     * version the client holds; the client applies them to its own copy and listeners still get whole lists. False
     * sends no hello: the client gets full lists every time, as an older SDK does (to compare, or to rule deltas out).
     */
    public RosterClientBuilder deltaPush(boolean deltaPush) {
        this.deltaPush = deltaPush;
        return this;
    }

    /**
     * Connect over TLS (for a cluster with {@code tls.client-links=true}): the client shows the certificate in
     * {@code keystore} (PKCS12, a client or node certificate of the cluster CA, e.g. from {@code roster certs
     * --client APP}) and trusts a session only if its certificate is a node certificate signed by the CA in
     * {@code caCert} (PEM). Without this option the client takes the same from the environment when
     * ROSTER_TLS_KEYSTORE is set (with ROSTER_TLS_KEYSTORE_PASSWORD or ROSTER_TLS_KEYSTORE_PASSWORD_FILE, and
     * ROSTER_TLS_CA_CERT), else it connects plain. Meta discovery ({@link #metaServers}) needs a node certificate
     * when the cluster runs TLS: meta's port admits nodes only.
     */
    public RosterClientBuilder tls(Path keystore, char[] password, Path caCert) {
        this.tls = new TlsFiles(keystore, password, caCert);
        return this;
    }

    /**
     * The application and its token ({@code roster acl token create APP}), sent in the hello to every session; a
     * session with {@code security.client-auth=true} refuses every registration without valid ones
     * ({@code UNAUTHENTICATED}). Not given: taken from the environment, {@code ROSTER_APP} and
     * {@code ROSTER_APP_TOKEN}, if set. The app name also serves as {@link #appName} when that is not set.
     */
    public RosterClientBuilder credentials(String app, String token) {
        this.credentials = new ClientCredentials(app, token);
        return this;
    }

    /**
     * The environment ROSTER_TLS_* (when {@link #tls} was not called) and {@code ROSTER_APP} / {@code ROSTER_APP_TOKEN}
     * (when no {@link #credentials} are given) are read from: the process's ({@link System#getenv()}) by default; an
     * embedder or a test may pass its own.
     */
    public RosterClientBuilder environment(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        return this;
    }

    /**
     * Connects to a session and returns the client.
     *
     * @throws IllegalArgumentException     an option is missing or invalid (the message names it)
     * @throws RosterNotConnectedException no session could be reached within the connect timeout
     */
    public RosterClient build() {
        return DefaultRosterClient.connect(options());
    }

    /** The validated options, without connecting. */
    ClientOptions options() {
        ClientCredentials given = credentials != null ? credentials : ClientCredentials.fromEnvironment(environment);
        String app = appName == null && given != null ? given.app() : appName;
        return new ClientOptions(sessions, metaServers, app, zone, connectTimeout, requestTimeout, backoffMin, backoffMax,
                limits, livenessInterval, livenessTimeout, deltaPush, security(), given);
    }

    private LinkSecurity security() {
        TlsFiles files = tls != null ? tls : TlsFiles.fromEnvironment(environment).orElse(null);
        return files == null ? LinkSecurity.plain() : LinkSecurity.client(TlsCredentials.load(files), Set.of(TlsRole.NODE));
    }
}
