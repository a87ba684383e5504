package io.roster.dubbo;

/** The service the Dubbo tests export and call. */
public interface EchoService {
    String echo(String text);
}
