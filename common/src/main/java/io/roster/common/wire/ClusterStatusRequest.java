package io.roster.common.wire;


/** CLI to meta: the state of the cluster. */
public final class ClusterStatusRequest {
    private final String requester;

    public ClusterStatusRequest(String requester) {
        this.requester = requester;
    }

    public String requester() {
        return requester;
    }

    @Override
    public String toString() {
        return "ClusterStatusRequest{" + "requester=" + requester + "}";
    }
}
