package io.roster.testkit.bolt;

import com.alipay.remoting.BizContext;
import com.alipay.remoting.rpc.RpcServer;
import com.alipay.remoting.rpc.protocol.UserProcessor;
import io.roster.common.rpc.BoltServers;
import io.roster.common.rpc.PortInUseException;
import io.roster.common.rpc.RequestHandler;
import io.roster.common.util.NamedThreads;
import io.roster.common.wire.ErrorCode;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Function;

import static org.awaitility.Awaitility.await;

/**
 * The base of a test's stand-in for another Roster node: a real bolt server on a loopback port (0 = any free one)
 * with the handlers the subclass registers, every request they handle recorded in arrival order, and its server
 * and handler threads stopped by {@link #close()} (use it in try-with-resources, {@code @AfterEach} or
 * {@code @AutoClose}). A subclass registers its handlers in its constructor, then calls {@link #listen()}, so no
 * request arrives before its handler exists.
 */
public abstract class FakeBoltPeer implements AutoCloseable {
    private final RpcServer server;
    private final ExecutorService executor;
    private final String name;
    private final List<Object> received = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile int port;

    /** A peer on any free port whose handlers run on {@code threads} threads named after {@code name}. */
    protected FakeBoltPeer(String name, int threads) {
        this(name, 0, threads);
    }

    /** A peer on {@code port} (0 = any free one). */
    protected FakeBoltPeer(String name, int port, int threads) {
        this.name = name;
        this.port = port;
        this.server = BoltServers.create("127.0.0.1", port);
        this.executor = NamedThreads.pool(name, threads);
    }

    /**
     * Answers every {@code type} request with {@code answer} (a null answer for a oneway request), on this peer's
     * threads, after recording it; a failure becomes {@code errorReply(code, message)}, as in a real processor.
     */
    protected final <Q> void handle(Class<Q> type, BiFunction<BizContext, Q, Object> answer,
                                    BiFunction<ErrorCode, String, Object> errorReply) {
        server.registerUserProcessor(new RequestHandler<>(type, executor) {
            @Override
            protected Object handle(BizContext context, Q request) {
                received.add(request);
                return answer.apply(context, request);
            }

            @Override
            protected Object errorReply(ErrorCode code, String message) {
                return errorReply.apply(code, message);
            }
        });
    }

    /** As {@link #handle(Class, BiFunction, BiFunction)}, for an answer that needs no bolt context. */
    protected final <Q> void handle(Class<Q> type, Function<Q, Object> answer, BiFunction<ErrorCode, String, Object> errorReply) {
        handle(type, (context, request) -> answer.apply(request), errorReply);
    }

    /** Answers every {@code type} request with {@code reply} at once, recording it. */
    protected final <Q> void answer(Class<Q> type, Object reply) {
        handle(type, request -> reply, (code, message) -> reply);
    }

    /** Registers a processor built by the subclass (async, or answering on bolt's threads); it records what it wants with {@link #record}. */
    protected final void register(UserProcessor<?> processor) {
        server.registerUserProcessor(processor);
    }

    /** Adds {@code request} to what this peer received, for processors registered with {@link #register}. */
    protected final void record(Object request) {
        received.add(request);
    }

    /** Starts listening; call once every handler is registered. */
    protected final void listen() {
        BoltServers.start(server, name + ".port");
        port = server.port();
    }

    protected final RpcServer server() {
        return server;
    }

    protected final ExecutorService executor() {
        return executor;
    }

    public final int port() {
        return port;
    }

    public final String address() {
        return "127.0.0.1:" + port;
    }

    /** Every request the handlers received, in arrival order (a copy). */
    public final List<Object> received() {
        return List.copyOf(received);
    }

    /** The received requests of {@code type}, in arrival order (a copy). */
    public final <T> List<T> received(Class<T> type) {
        return received.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Stops the server and the handler threads (once; later calls do nothing). */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            beforeClose();
            BoltServers.safeShutdown(server);
            NamedThreads.shutdown(executor);
        }
    }

    /** What a subclass releases before the server stops, e.g. requests it holds unanswered. */
    protected void beforeClose() {
    }

    /**
     * Waits until this peer's port can be bound again: bolt closes its listening channel without waiting, so a
     * peer restarted on the same port right after {@link #close()} could otherwise fail with PortInUseException.
     */
    public final void awaitPortReleased() {
        await("port " + port + " released").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                .ignoreException(PortInUseException.class)
                .until(() -> {
                    BoltServers.checkBindable("127.0.0.1", port, name + ".port");
                    return true;
                });
    }
}
