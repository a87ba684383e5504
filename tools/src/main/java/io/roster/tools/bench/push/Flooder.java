package io.roster.tools.bench.push;

import com.alipay.remoting.InvokeCallback;
import com.alipay.remoting.exception.RemotingException;
import io.roster.common.rpc.RpcCaller;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.PublishRequest;
import io.roster.common.wire.RegisterReply;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * An abusive client for `roster bench flood`: one bolt connection to a session, publishing as fast as the session
 * answers, with {@code inFlight} calls outstanding, and never backing off whatever it is answered (not the SDK, which
 * does back off). It churns a fixed pool of registerIds with ever higher versions, so the session's
 * registration count cap is never what stops it: each accepted call is a real write to data.
 */
final class Flooder implements AutoCloseable {
    private static final String SUFFIX = "#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    private static final int REGISTER_IDS = 1000;
    private static final int SERVICES = 100;
    private static final int TIMEOUT_MS = 10_000;

    private final RpcCaller caller = new RpcCaller();
    private final String session;
    private final Semaphore slots;
    private final String prefix = "roster.bench.flood." + Long.toHexString(System.nanoTime()) + ".svc";
    private final byte[] item = "10.9.9.9:12200".getBytes(StandardCharsets.UTF_8);
    private final Map<ErrorCode, LongAdder> answers = new EnumMap<>(ErrorCode.class);
    private final LongAdder failed = new LongAdder();
    private final AtomicLong sent = new AtomicLong();
    private final Executor inline = Runnable::run;
    private volatile boolean running;
    private Thread loop;

    Flooder(String session, int inFlight) {
        this.session = session;
        this.slots = new Semaphore(inFlight);
        for (ErrorCode c : ErrorCode.values()) {
            answers.put(c, new LongAdder());
        }
    }

    synchronized void start() {
        running = true;
        loop = new Thread(this::flood, "bench-flooder");
        loop.setDaemon(true);
        loop.start();
    }

    private void flood() {
        while (running) {
            try {
                if (!slots.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
            } catch (InterruptedException e) {
                return;
            }
            long n = sent.incrementAndGet();
            int id = (int) (n % REGISTER_IDS);
            PublishRequest request = new PublishRequest("bench-flood", "bench-flood", "flood-" + id,
                    prefix + (id % SERVICES) + SUFFIX, List.of(item), n, "");
            try {
                caller.client().invokeWithCallback(session, request, new InvokeCallback() {
                    @Override
                    public void onResponse(Object result) {
                        if (result instanceof RegisterReply r) {
                            answers.get(r.code()).increment();
                        } else {
                            failed.increment();
                        }
                        slots.release();
                    }

                    @Override
                    public void onException(Throwable e) {
                        failed.increment();
                        slots.release();
                    }

                    @Override
                    public Executor getExecutor() {
                        return inline;
                    }
                }, TIMEOUT_MS);
            } catch (RemotingException e) {
                failed.increment();
                slots.release();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** What was sent and answered so far. */
    Counts counts() {
        return new Counts(sent.get(), answers.get(ErrorCode.OK).sum(), answers.get(ErrorCode.RATE_LIMITED).sum(),
                answers.values().stream().mapToLong(LongAdder::sum).sum() - answers.get(ErrorCode.OK).sum()
                        - answers.get(ErrorCode.RATE_LIMITED).sum() + failed.sum());
    }

    /** Calls sent, accepted, answered RATE_LIMITED, and anything else (other errors, timeouts). */
    record Counts(long sent, long ok, long rateLimited, long other) {
        Counts minus(Counts before) {
            return new Counts(sent - before.sent, ok - before.ok, rateLimited - before.rateLimited, other - before.other);
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        if (loop != null) {
            try {
                loop.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        caller.close();
    }
}
