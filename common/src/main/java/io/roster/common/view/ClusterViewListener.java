package io.roster.common.view;

/** Told of every change of a node's cluster view, in order, on the thread that took the view. */
@FunctionalInterface
public interface ClusterViewListener {
    /** {@code delta.after()} is the view now; {@code delta.before()} the one it replaced. */
    void onChange(ClusterViewDelta delta);
}
