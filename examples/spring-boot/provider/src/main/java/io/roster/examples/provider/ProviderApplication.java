package io.roster.examples.provider;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A provider: serves GET /hello on a random port and, through roster-spring-boot-starter, registers itself in
 * Roster as service "greeter" once the port is known (and leaves at shutdown). Start several: each gets its own port.
 */
@SpringBootApplication
@RestController
public class ProviderApplication {
    private final Environment environment;

    public ProviderApplication(Environment environment) {
        this.environment = environment;
    }

    public static void main(String[] args) {
        SpringApplication.run(ProviderApplication.class, args);
    }

    @GetMapping("/hello")
    public String hello(@RequestParam(name = "name", defaultValue = "world") String name) {
        return "hello " + name + " from greeter on port " + environment.getProperty("local.server.port");
    }
}
