package io.roster.examples.consumer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import java.util.List;

/**
 * A consumer on port 8080: GET /call calls service "greeter" through a @LoadBalanced RestClient, which finds the
 * providers in Roster; GET /instances lists what Roster pushed for "greeter".
 */
@SpringBootApplication
@RestController
public class ConsumerApplication {
    private final RestClient greeter;
    private final DiscoveryClient discovery;

    public ConsumerApplication(@LoadBalanced RestClient.Builder loadBalanced, DiscoveryClient discovery) {
        this.greeter = loadBalanced.baseUrl("http://greeter").build();
        this.discovery = discovery;
    }

    public static void main(String[] args) {
        SpringApplication.run(ConsumerApplication.class, args);
    }

    /** Static, as the application class itself takes the builder. */
    @Bean
    @LoadBalanced
    static RestClient.Builder loadBalancedRestClientBuilder() {
        return RestClient.builder();
    }

    @GetMapping("/call")
    public String call() {
        return greeter.get().uri("/hello?name=consumer").retrieve().body(String.class) + "\n";
    }

    @GetMapping("/instances")
    public List<String> instances() {
        return discovery.getInstances("greeter").stream().map(ServiceInstance::getUri).map(Object::toString).toList();
    }
}
