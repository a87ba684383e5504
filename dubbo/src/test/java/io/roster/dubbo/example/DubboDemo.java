package io.roster.dubbo.example;

import org.apache.dubbo.config.ProtocolConfig;
import org.apache.dubbo.config.ReferenceConfig;
import org.apache.dubbo.config.RegistryConfig;
import org.apache.dubbo.config.ServiceConfig;
import org.apache.dubbo.config.bootstrap.DubboBootstrap;

/**
 * The README's Dubbo example, runnable as one source file against {@code ./roster server}:
 * {@code DubboDemo provider [registry]} serves {@link Greeter} on port 20880 until killed,
 * {@code DubboDemo consumer [registry]} calls it once and prints the answer. The registry defaults to
 * {@code roster://127.0.0.1:9601} (interface-level); add {@code ?registry-type=service} for application-level.
 */
public final class DubboDemo {
    public interface Greeter {
        String greet(String name);
    }

    public static void main(String[] args) throws Exception {
        String registry = args.length > 1 ? args[1] : "roster://127.0.0.1:9601";
        if (args.length > 0 && args[0].equals("provider")) {
            ServiceConfig<Greeter> service = new ServiceConfig<>();
            service.setInterface(Greeter.class);
            service.setRef(name -> "hello " + name);
            DubboBootstrap.getInstance().application("greeter").registry(new RegistryConfig(registry))
                    .protocol(new ProtocolConfig("dubbo", 20880)).service(service).start().await();
        } else {
            ReferenceConfig<Greeter> reference = new ReferenceConfig<>();
            reference.setInterface(Greeter.class);
            DubboBootstrap.getInstance().application("greeter-client").registry(new RegistryConfig(registry))
                    .reference(reference).start();
            System.out.println(reference.get().greet("roster"));
            DubboBootstrap.getInstance().stop();
        }
    }
}
