package io.roster.common.rpc;

import com.alipay.remoting.CustomSerializer;
import com.alipay.remoting.CustomSerializerManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(30)
class WireTypesTest {
    private static final String FIRST = WireTypes.ALL.get(0).getName();

    /**
     * Two clients built at once both install. The stand-in registry holds the first thread that looked up the first
     * wire class (and found none) until the other one looks it up too, or is blocked waiting to: without a lock both see it missing and
     * the second registration throws, as bolt's does ("CustomSerializer has been registered").
     */
    @Test
    void twoThreadsInstallingAtOnceBothSucceed() throws InterruptedException {
        List<Thread> installers = new CopyOnWriteArrayList<>();
        AtomicInteger lookedUpFirst = new AtomicInteger();
        Map<String, CustomSerializer> registered = new ConcurrentHashMap<>();
        WireTypes.SerializerRegistry registry = new WireTypes.SerializerRegistry() {
            @Override
            public CustomSerializer get(String className) {
                CustomSerializer current = registered.get(className);
                if (className.equals(FIRST) && lookedUpFirst.incrementAndGet() == 1) {
                    await().atMost(Duration.ofSeconds(10)).until(() -> lookedUpFirst.get() == 2 || otherIsBlocked());
                }
                return current;
            }

            private boolean otherIsBlocked() {
                return installers.stream().anyMatch(t -> t != Thread.currentThread() && t.getState() == Thread.State.BLOCKED);
            }

            @Override
            public void register(String className, CustomSerializer serializer) {
                if (registered.putIfAbsent(className, serializer) != null) {
                    throw new RuntimeException("CustomSerializer has been registered for class: " + className);
                }
            }
        };
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 2; i++) {
            Thread t = new Thread(() -> WireTypes.install(registry), "installer-" + i);
            t.setUncaughtExceptionHandler((thread, e) -> failures.add(e));
            installers.add(t);
        }
        installers.forEach(Thread::start);
        for (Thread t : installers) {
            t.join();
        }

        assertThat(failures).isEmpty();
        assertThat(registered).hasSize(WireTypes.ALL.size());
    }

    @Test
    void installingAgainKeepsBoltsSerializers() {
        WireTypes.install();
        CustomSerializer first = CustomSerializerManager.getCustomSerializer(FIRST);
        WireTypes.install();
        for (Class<?> type : WireTypes.ALL) {
            assertThat(CustomSerializerManager.getCustomSerializer(type.getName())).as(type.getName()).isNotNull();
        }
        assertThat(CustomSerializerManager.getCustomSerializer(FIRST)).isSameAs(first);
    }
}
