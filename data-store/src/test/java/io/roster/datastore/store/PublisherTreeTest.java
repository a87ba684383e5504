package io.roster.datastore.store;

import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class PublisherTreeTest {
    private static final ProcessId S = new ProcessId("127.0.0.1:1", 1, 1);

    private static Publisher pub(String id, long version) {
        return new Publisher(id, "svc#@#i#@#g", "c", "app", "", List.of(new byte[]{(byte) version}), version, 100, S);
    }

    private static PublisherTree treeOf(int n) {
        PublisherTree t = PublisherTree.EMPTY;
        for (int i = 0; i < n; i++) {
            t = t.with(pub(String.format("r%05d", i * 7919 % n), 1));
        }
        return t;
    }

    /** Random puts, replacements and removals against a sorted map: same content, and every old tree unchanged. */
    @Test
    void behavesAsASortedMapAndOldTreesNeverChange() {
        Random random = new Random(11);
        PublisherTree tree = PublisherTree.EMPTY;
        TreeMap<String, Publisher> model = new TreeMap<>();
        List<PublisherTree> olds = new ArrayList<>();
        List<List<Publisher>> oldContents = new ArrayList<>();
        for (int step = 0; step < 20_000; step++) {
            String id = "r" + random.nextInt(700);
            if (random.nextInt(3) == 0) {
                tree = tree.without(id);
                model.remove(id);
            } else {
                Publisher p = pub(id, random.nextInt(100));
                tree = tree.with(p);
                model.put(id, p);
            }
            assertThat(tree.size()).isEqualTo(model.size());
            if (step % 500 == 0) {
                assertThat(tree.toArray()).containsExactlyElementsOf(model.values());
                assertThat(tree.get(id)).isSameAs(model.get(id));
                assertThat(tree.get("absent")).isNull();
                olds.add(tree);
                oldContents.add(new ArrayList<>(model.values()));
            }
        }
        for (int i = 0; i < olds.size(); i++) {
            assertThat(olds.get(i).toArray()).as("tree %d", i).containsExactlyElementsOf(oldContents.get(i));
        }
        List<Publisher> all = new ArrayList<>(model.values());
        Collections.shuffle(all, random);
        assertThat(PublisherTree.of(all).toArray()).containsExactlyElementsOf(model.values());
        for (Publisher p : all) {
            tree = tree.without(p.registerId());
        }
        assertThat(tree.isEmpty()).isTrue();
        assertThat(tree.size()).isZero();
    }

    /** O(log n) writes: a put or removal in a datum of 5,000 publishers copies one leaf and shares all the others. */
    @Test
    void aWriteCopiesOneLeafAndSharesEveryOther() {
        PublisherTree before = treeOf(5_000);
        int leaves = before.leaves().size();
        assertThat(leaves).isGreaterThan(150); // at most 32 a leaf

        PublisherTree replaced = before.with(pub("r00042", 2));
        PublisherTree added = before.with(pub("r00042a", 1));
        PublisherTree removed = before.without("r00042");

        for (PublisherTree after : List.of(replaced, added, removed)) {
            Set<Object> old = Collections.newSetFromMap(new IdentityHashMap<>());
            old.addAll(before.leaves());
            List<Object> fresh = after.leaves().stream().filter(l -> !old.contains(l)).toList();
            assertThat(fresh).as("leaves not shared with the tree before").hasSizeBetween(1, 2); // 2 when one split
            assertThat(after.leaves().size() - fresh.size()).isGreaterThanOrEqualTo(leaves - 1);
        }
        assertThat(before.size()).isEqualTo(5_000);
        assertThat(before.get("r00042").version()).isEqualTo(1);
        assertThat(replaced.get("r00042").version()).isEqualTo(2);
        assertThat(added.size()).isEqualTo(5_001);
        assertThat(removed.get("r00042")).isNull();
        assertThat(removed.size()).isEqualTo(4_999);
        assertThat(before.without("absent")).isSameAs(before);
    }

    @Test
    void ofKeepsTheLaterOfTwoWithOneRegisterId() {
        PublisherTree t = PublisherTree.of(List.of(pub("a", 1), pub("b", 1), pub("a", 2)));

        assertThat(t.size()).isEqualTo(2);
        assertThat(t.get("a").version()).isEqualTo(2);
        assertThat(Arrays.stream(t.toArray()).map(Publisher::registerId)).containsExactly("a", "b");
        Map<String, Publisher> seen = new TreeMap<>();
        t.forEach(p -> seen.put(p.registerId(), p));
        assertThat(seen).containsOnlyKeys("a", "b");
        assertThat(t.anyMatch(p -> p.version() == 2)).isTrue();
        assertThat(t.anyMatch(p -> p.version() == 3)).isFalse();
    }
}
