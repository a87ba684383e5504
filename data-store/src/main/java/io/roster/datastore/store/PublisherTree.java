package io.roster.datastore.store;

import io.roster.common.model.Publisher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The publishers of one datum by registerId, as an immutable B-tree: leaves of at most {@value #MAX} publishers
 * sorted by registerId, branches above them. A put or removal copies one leaf and the branches on its path,
 * O(log n), and shares every other node with the tree it came from, so a datum of many publishers is not copied on
 * each write, and a reader holding the old tree sees it unchanged without any lock. Registration order is not kept
 * here: {@link StoredDatum} sorts a snapshot once per version, when it is first read. Leaves are not merged after
 * removals (a sparse leaf is an exact-size array); depth stays within the log of the largest size reached.
 */
final class PublisherTree {
    static final int MAX = 32;
    static final PublisherTree EMPTY = new PublisherTree(null);
    private static final Comparator<Publisher> BY_ID = Comparator.comparing(Publisher::registerId);

    private final Node root;

    private PublisherTree(Node root) {
        this.root = root;
    }

    /** A tree of {@code publishers}; of two with one registerId the later is kept. */
    static PublisherTree of(Collection<Publisher> publishers) {
        if (publishers.isEmpty()) {
            return EMPTY;
        }
        Publisher[] sorted = publishers.toArray(new Publisher[0]);
        Arrays.sort(sorted, BY_ID); // stable: of equal registerIds the later stays later
        List<Publisher> unique = new ArrayList<>(sorted.length);
        for (Publisher p : sorted) {
            if (!unique.isEmpty() && unique.get(unique.size() - 1).registerId().equals(p.registerId())) {
                unique.set(unique.size() - 1, p);
            } else {
                unique.add(p);
            }
        }
        List<Node> level = new ArrayList<>();
        for (int i = 0; i < unique.size(); i += MAX) {
            level.add(new Leaf(unique.subList(i, Math.min(unique.size(), i + MAX)).toArray(new Publisher[0])));
        }
        while (level.size() > 1) {
            List<Node> up = new ArrayList<>();
            for (int i = 0; i < level.size(); i += MAX) {
                up.add(Branch.of(level.subList(i, Math.min(level.size(), i + MAX)).toArray(new Node[0])));
            }
            level = up;
        }
        return new PublisherTree(level.get(0));
    }

    int size() {
        return root == null ? 0 : root.size();
    }

    boolean isEmpty() {
        return root == null;
    }

    /** The publisher held under {@code registerId}, or null. */
    Publisher get(String registerId) {
        Node n = root;
        while (n instanceof Branch b) {
            n = b.children[b.childFor(registerId)];
        }
        return n == null ? null : ((Leaf) n).get(registerId);
    }

    /** This tree with {@code p} in place of the publisher of its registerId, or added. */
    PublisherTree with(Publisher p) {
        if (root == null) {
            return new PublisherTree(new Leaf(new Publisher[]{p}));
        }
        Node[] next = root.with(p);
        return new PublisherTree(next.length == 1 ? next[0] : Branch.of(next));
    }

    /** This tree without the publisher of {@code registerId} (this same tree if it holds none). */
    PublisherTree without(String registerId) {
        if (root == null) {
            return this;
        }
        Node next = root.without(registerId);
        if (next == root) {
            return this;
        }
        while (next instanceof Branch b && b.children.length == 1) {
            next = b.children[0];
        }
        return next == null ? EMPTY : new PublisherTree(next);
    }

    /** Every publisher, in registerId order. */
    Publisher[] toArray() {
        Publisher[] all = new Publisher[size()];
        if (root != null) {
            root.fill(all, 0);
        }
        return all;
    }

    void forEach(Consumer<Publisher> action) {
        if (root != null) {
            root.forEach(action);
        }
    }

    boolean anyMatch(Predicate<Publisher> test) {
        return root != null && root.anyMatch(test);
    }

    /** The leaves, in order: lets tests see which nodes a write shares with the tree before it. */
    List<Object> leaves() {
        List<Object> leaves = new ArrayList<>();
        collectLeaves(root, leaves);
        return leaves;
    }

    private static void collectLeaves(Node n, List<Object> into) {
        if (n instanceof Branch b) {
            for (Node c : b.children) {
                collectLeaves(c, into);
            }
        } else if (n != null) {
            into.add(n);
        }
    }

    private sealed interface Node permits Leaf, Branch {
        int size();

        /** The smallest registerId held. */
        String low();

        /** One node, or two when it split. */
        Node[] with(Publisher p);

        /** This node without it (the same node if absent), or null once empty. */
        Node without(String registerId);

        int fill(Publisher[] into, int from);

        void forEach(Consumer<Publisher> action);

        boolean anyMatch(Predicate<Publisher> test);
    }

    private static final class Leaf implements Node {
        final Publisher[] items;

        Leaf(Publisher[] items) {
            this.items = items;
        }

        int indexOf(String registerId) {
            int lo = 0, hi = items.length - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int c = items[mid].registerId().compareTo(registerId);
                if (c < 0) {
                    lo = mid + 1;
                } else if (c > 0) {
                    hi = mid - 1;
                } else {
                    return mid;
                }
            }
            return -lo - 1;
        }

        Publisher get(String registerId) {
            int at = indexOf(registerId);
            return at >= 0 ? items[at] : null;
        }

        @Override
        public int size() {
            return items.length;
        }

        @Override
        public String low() {
            return items[0].registerId();
        }

        @Override
        public Node[] with(Publisher p) {
            int at = indexOf(p.registerId());
            if (at >= 0) {
                Publisher[] copy = items.clone();
                copy[at] = p;
                return new Node[]{new Leaf(copy)};
            }
            Publisher[] grown = inserted(items, -at - 1, p);
            if (grown.length <= MAX) {
                return new Node[]{new Leaf(grown)};
            }
            int half = grown.length / 2;
            return new Node[]{new Leaf(Arrays.copyOfRange(grown, 0, half)), new Leaf(Arrays.copyOfRange(grown, half, grown.length))};
        }

        @Override
        public Node without(String registerId) {
            int at = indexOf(registerId);
            if (at < 0) {
                return this;
            }
            return items.length == 1 ? null : new Leaf(removed(items, at));
        }

        @Override
        public int fill(Publisher[] into, int from) {
            System.arraycopy(items, 0, into, from, items.length);
            return from + items.length;
        }

        @Override
        public void forEach(Consumer<Publisher> action) {
            for (Publisher p : items) {
                action.accept(p);
            }
        }

        @Override
        public boolean anyMatch(Predicate<Publisher> test) {
            for (Publisher p : items) {
                if (test.test(p)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final class Branch implements Node {
        final Node[] children;
        /** lows[i] (i > 0) is above every registerId in children[i - 1] and at most every one in children[i]. */
        final String[] lows;
        final int size;

        private Branch(Node[] children, String[] lows, int size) {
            this.children = children;
            this.lows = lows;
            this.size = size;
        }

        static Branch of(Node[] children) {
            String[] lows = new String[children.length];
            int size = 0;
            for (int i = 0; i < children.length; i++) {
                lows[i] = children[i].low();
                size += children[i].size();
            }
            return new Branch(children, lows, size);
        }

        /** The last child whose low is at most {@code registerId} (the first one for anything below it). */
        int childFor(String registerId) {
            int lo = 1, hi = lows.length - 1, found = 0;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (lows[mid].compareTo(registerId) <= 0) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return found;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public String low() {
            return children[0].low();
        }

        @Override
        public Node[] with(Publisher p) {
            int at = childFor(p.registerId());
            Node old = children[at];
            Node[] next = old.with(p);
            int grownSize = size - old.size() + next[0].size() + (next.length == 2 ? next[1].size() : 0);
            if (next.length == 1) {
                Node[] copy = children.clone();
                copy[at] = next[0];
                return new Node[]{new Branch(copy, lows, grownSize)};
            }
            Node[] grown = inserted(children, at + 1, next[1]);
            grown[at] = next[0];
            String[] grownLows = inserted(lows, at + 1, next[1].low());
            if (grown.length <= MAX) {
                return new Node[]{new Branch(grown, grownLows, grownSize)};
            }
            int half = grown.length / 2;
            return new Node[]{Branch.of(Arrays.copyOfRange(grown, 0, half)), Branch.of(Arrays.copyOfRange(grown, half, grown.length))};
        }

        @Override
        public Node without(String registerId) {
            int at = childFor(registerId);
            Node old = children[at];
            Node next = old.without(registerId);
            if (next == old) {
                return this;
            }
            if (next != null) {
                Node[] copy = children.clone();
                copy[at] = next;
                return new Branch(copy, lows, size - 1);
            }
            if (children.length == 1) {
                return null;
            }
            // A stale low stays a valid bound: it is still at most every registerId left in its child.
            return new Branch(removed(children, at), removed(lows, at), size - 1);
        }

        @Override
        public int fill(Publisher[] into, int from) {
            for (Node c : children) {
                from = c.fill(into, from);
            }
            return from;
        }

        @Override
        public void forEach(Consumer<Publisher> action) {
            for (Node c : children) {
                c.forEach(action);
            }
        }

        @Override
        public boolean anyMatch(Predicate<Publisher> test) {
            for (Node c : children) {
                if (c.anyMatch(test)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A copy of {@code a} with {@code value} at {@code at}. */
    private static <T> T[] inserted(T[] a, int at, T value) {
        T[] b = Arrays.copyOf(a, a.length + 1);
        System.arraycopy(a, at, b, at + 1, a.length - at);
        b[at] = value;
        return b;
    }

    /** A copy of {@code a} without the element at {@code at}. */
    private static <T> T[] removed(T[] a, int at) {
        T[] b = Arrays.copyOf(a, a.length - 1);
        System.arraycopy(a, at + 1, b, at, a.length - at - 1);
        return b;
    }
}
