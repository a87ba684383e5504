package io.roster.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code roster.*}: how the application's {@link io.roster.client.RosterClient} reaches the cluster, and what its
 * own instance publishes. With neither sessions nor meta servers given, the client uses the session of a local
 * {@code ./roster server} ({@value #LOCAL_SESSION}).
 */
@ConfigurationProperties(prefix = "roster")
public class RosterProperties {
    /** The session port of {@code ./roster server} with its defaults. */
    public static final String LOCAL_SESSION = "127.0.0.1:9601";

    /** Whether the starter does anything at all. */
    private boolean enabled = true;
    /** Session addresses, host:port comma-separated; the client starts with the first. */
    private String sessions = "";
    /** Meta addresses, host:port comma-separated: the client takes the live sessions from meta. */
    private String metaServers = "";
    /** The application name sent with every registration, and the service id of this instance; defaults to spring.application.name. */
    private String appName;
    /** The zone sent with every registration. */
    private String zone = "";
    /** How long startup and each call wait for a session connection. */
    private Duration connectTimeout = Duration.ofSeconds(5);
    /** How long one call waits for the session's answer; keep it well above the cluster's rpc.timeout-ms. */
    private Duration requestTimeout = Duration.ofSeconds(10);
    private final Discovery discovery = new Discovery();
    private final Registration registration = new Registration();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getSessions() {
        return sessions;
    }

    public void setSessions(String sessions) {
        this.sessions = sessions == null ? "" : sessions;
    }

    public String getMetaServers() {
        return metaServers;
    }

    public void setMetaServers(String metaServers) {
        this.metaServers = metaServers == null ? "" : metaServers;
    }

    public String getAppName() {
        return appName;
    }

    public void setAppName(String appName) {
        this.appName = appName;
    }

    public String getZone() {
        return zone;
    }

    public void setZone(String zone) {
        this.zone = zone == null ? "" : zone;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public Discovery getDiscovery() {
        return discovery;
    }

    public Registration getRegistration() {
        return registration;
    }

    /** {@code roster.discovery.*}. */
    public static class Discovery {
        /**
         * How long the first lookup of a service id waits for its first push (later lookups read the pushed list at
         * once). A lookup that times out returns what is known: nothing.
         */
        private Duration firstListTimeout = Duration.ofSeconds(3);

        public Duration getFirstListTimeout() {
            return firstListTimeout;
        }

        public void setFirstListTimeout(Duration firstListTimeout) {
            this.firstListTimeout = firstListTimeout;
        }
    }

    /** {@code roster.registration.*}: what this application's own instance publishes. */
    public static class Registration {
        /** The host others reach this instance at; defaults to the first non-loopback address (Spring Cloud's InetUtils). */
        private String host;
        /** The port others reach it at; defaults to the web server's port once it is known. */
        private int port;
        /** Whether it is reached over https. */
        private boolean secure;
        /** Unique among the service's instances; defaults to host:port. */
        private String instanceId;
        /** Free metadata published with the instance. */
        private Map<String, String> metadata = new LinkedHashMap<>();

        public String getHost() {
            return host;
        }

        public void setHost(String host) {
            this.host = host;
        }

        public int getPort() {
            return port;
        }

        public void setPort(int port) {
            this.port = port;
        }

        public boolean isSecure() {
            return secure;
        }

        public void setSecure(boolean secure) {
            this.secure = secure;
        }

        public String getInstanceId() {
            return instanceId;
        }

        public void setInstanceId(String instanceId) {
            this.instanceId = instanceId;
        }

        public Map<String, String> getMetadata() {
            return metadata;
        }

        public void setMetadata(Map<String, String> metadata) {
            this.metadata = metadata;
        }
    }
}
