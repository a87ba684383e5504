package io.roster.datastore.migration;

import io.roster.common.util.NamedThreads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParallelPartsTest {
    private final ExecutorService pool = NamedThreads.pool("test-parts", 2);

    @AfterEach
    void stop() {
        NamedThreads.shutdown(pool);
    }

    @Test
    void thePartsCoverEveryItemOnceInOrder() {
        List<Integer> items = IntStream.range(0, 11).boxed().toList();

        assertThat(ParallelParts.split(items, 3)).extracting(List::size).containsExactly(3, 4, 4);
        assertThat(ParallelParts.split(items, 3).stream().flatMap(List::stream).toList()).isEqualTo(items);
        assertThat(ParallelParts.split(List.of(1), 3)).containsExactly(List.of(1));
        assertThat(ParallelParts.split(List.of(), 3)).isEmpty();
    }

    @Test
    void runDoesTheFirstPartOnTheCallingThreadAndReturnsOnceAllAreDone() {
        Set<Integer> done = ConcurrentHashMap.newKeySet();
        Set<String> threads = ConcurrentHashMap.newKeySet();

        ParallelParts.run(IntStream.range(0, 10).boxed().toList(), 2, pool, part -> {
            threads.add(Thread.currentThread().getName());
            done.addAll(part);
            return part.size();
        });

        assertThat(done).hasSize(10);
        assertThat(threads).contains(Thread.currentThread().getName()).hasSize(2);
    }

    @Test
    void aFailingPartIsRethrownAfterTheOthersFinished() {
        Set<Integer> done = ConcurrentHashMap.newKeySet();

        assertThatThrownBy(() -> ParallelParts.run(List.of(1, 2), 2, pool, part -> {
            if (part.contains(2)) {
                throw new IllegalStateException("disk full");
            }
            done.addAll(part);
            return part.size();
        })).isInstanceOf(IllegalStateException.class).hasMessage("disk full");
        assertThat(done).containsExactly(1);
    }
}
