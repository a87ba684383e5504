package io.roster.spring.registry;

import io.roster.spring.instance.RosterInstance;
import io.roster.spring.instance.ServiceDataIds;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.serviceregistry.Registration;

import java.net.URI;
import java.util.Map;

/**
 * This application's own instance. Its port may be 0 until the web server has started
 * ({@link RosterAutoServiceRegistration} sets it then); the instance id defaults to {@code host:port}.
 */
public class RosterRegistration implements Registration {
    private final String serviceId;
    private final String configuredInstanceId;
    private final String host;
    private final boolean secure;
    private final Map<String, String> metadata;
    private volatile int port;

    public RosterRegistration(String serviceId, String instanceId, String host, int port, boolean secure,
                              Map<String, String> metadata) {
        this.serviceId = ServiceDataIds.normalize(serviceId);
        this.configuredInstanceId = instanceId == null || instanceId.isBlank() ? null : instanceId;
        this.host = host;
        this.port = port;
        this.secure = secure;
        this.metadata = Map.copyOf(metadata);
    }

    @Override
    public String getServiceId() {
        return serviceId;
    }

    @Override
    public String getInstanceId() {
        return configuredInstanceId != null ? configuredInstanceId : host + ":" + port;
    }

    @Override
    public String getHost() {
        return host;
    }

    @Override
    public int getPort() {
        return port;
    }

    /** Sets the port others reach this instance at (the web server's, once known). */
    public void setPort(int port) {
        this.port = port;
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public URI getUri() {
        return DefaultServiceInstance.getUri(this);
    }

    @Override
    public Map<String, String> getMetadata() {
        return metadata;
    }

    /** What is published: this registration as it is now. */
    public RosterInstance toInstance() {
        return new RosterInstance(serviceId, getInstanceId(), host, port, secure, metadata);
    }

    @Override
    public String toString() {
        return "RosterRegistration{" + serviceId + " " + getInstanceId() + " " + (secure ? "https://" : "http://") + host
                + ":" + port + "}";
    }
}
