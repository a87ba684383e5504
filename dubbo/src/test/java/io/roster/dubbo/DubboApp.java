package io.roster.dubbo;

import org.apache.dubbo.config.ApplicationConfig;
import org.apache.dubbo.config.ProtocolConfig;
import org.apache.dubbo.config.ReferenceConfig;
import org.apache.dubbo.config.RegistryConfig;
import org.apache.dubbo.config.ServiceConfig;
import org.apache.dubbo.config.bootstrap.DubboBootstrap;
import org.apache.dubbo.registry.Registry;
import org.apache.dubbo.registry.support.RegistryManager;
import org.apache.dubbo.rpc.model.ApplicationModel;
import org.apache.dubbo.rpc.model.FrameworkModel;

import java.util.Collection;

/**
 * One real Dubbo application in this JVM, on its own {@link FrameworkModel} (so a provider and a consumer share
 * nothing but the Roster node), without QoS. {@link #close()} stops it and destroys its framework: its threads and
 * ports go with it.
 */
final class DubboApp implements AutoCloseable {
    static final String VERSION = "1.0.0";

    private final FrameworkModel framework = new FrameworkModel();
    private final DubboBootstrap bootstrap = DubboBootstrap.newInstance(framework);
    private ReferenceConfig<EchoService> reference;

    private DubboApp(String name, String registryUrl, boolean applicationLevel) {
        this(name, registryUrl, applicationLevel, "local");
    }

    private DubboApp(String name, String registryUrl, boolean applicationLevel, String metadataType) {
        ApplicationConfig application = new ApplicationConfig(name);
        application.setMetadataType(metadataType);
        application.setQosEnable(false);
        application.setEnableFileCache(false); // no mapping/metadata cache files under the home directory
        if (applicationLevel) {
            application.setRegisterMode("instance");
        }
        bootstrap.application(application);
        RegistryConfig registry = new RegistryConfig(registryUrl + (applicationLevel ? "&registry-type=service" : ""));
        bootstrap.registry(registry);
    }

    /** A provider of {@link EchoService} on {@code port} answering {@code who + ":" + text}. */
    static DubboApp provider(String name, String registryUrl, boolean applicationLevel, int port, String who) {
        return provider(name, registryUrl, applicationLevel, "local", port, who);
    }

    /** As above, with Dubbo's {@code metadata-type} ({@code local}: the MetadataService; {@code remote}: the report). */
    static DubboApp provider(String name, String registryUrl, boolean applicationLevel, String metadataType, int port,
                             String who) {
        DubboApp app = new DubboApp(name, registryUrl, applicationLevel, metadataType);
        ProtocolConfig protocol = new ProtocolConfig("dubbo", port);
        protocol.setHost("127.0.0.1");
        app.bootstrap.protocol(protocol);
        ServiceConfig<EchoService> service = new ServiceConfig<>();
        service.setInterface(EchoService.class);
        service.setRef(text -> who + ":" + text);
        service.setVersion(VERSION);
        service.setTimeout(3000);
        app.bootstrap.service(service);
        app.bootstrap.start();
        return app;
    }

    /** A consumer of {@link EchoService} (no startup check: the test waits for the first call to work). */
    static DubboApp consumer(String name, String registryUrl, boolean applicationLevel) {
        return consumer(name, registryUrl, applicationLevel, "local");
    }

    static DubboApp consumer(String name, String registryUrl, boolean applicationLevel, String metadataType) {
        return consumer(name, registryUrl, applicationLevel, metadataType, VERSION);
    }

    static DubboApp consumer(String name, String registryUrl, boolean applicationLevel, String metadataType,
                             String version) {
        DubboApp app = new DubboApp(name, registryUrl, applicationLevel, metadataType);
        ReferenceConfig<EchoService> reference = new ReferenceConfig<>();
        reference.setInterface(EchoService.class);
        reference.setVersion(version);
        reference.setCheck(false);
        reference.setTimeout(3000);
        reference.setRetries(0);
        app.reference = reference;
        app.bootstrap.reference(reference);
        app.bootstrap.start();
        return app;
    }

    /** Exports one more {@link EchoService}, of {@code version}, in this running provider. */
    void exportAnother(String version, String who) {
        ServiceConfig<EchoService> service = new ServiceConfig<>(application().getDefaultModule());
        service.setInterface(EchoService.class);
        service.setRef(text -> who + ":" + text);
        service.setVersion(version);
        service.export();
    }

    EchoService echo() {
        return reference.get();
    }

    /** Whether the consumer holds a provider to call. */
    boolean hasProvider() {
        return reference.getInvoker() != null && reference.getInvoker().isAvailable();
    }

    ApplicationModel application() {
        return bootstrap.getApplicationModel();
    }

    Collection<Registry> registries() {
        return application().getBeanFactory().getBean(RegistryManager.class).getRegistries();
    }

    @Override
    public void close() {
        try {
            bootstrap.stop();
        } finally {
            framework.destroy();
        }
    }
}
