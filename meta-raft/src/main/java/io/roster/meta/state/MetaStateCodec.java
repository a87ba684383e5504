package io.roster.meta.state;

import io.roster.common.model.NodeInfo;
import io.roster.common.rpc.Protostuff;

/** The snapshot encoding of a whole {@link MetaState} (protostuff). */
public final class MetaStateCodec {
    private MetaStateCodec() {
    }

    public static byte[] encode(MetaState state) {
        return Protostuff.encode(state);
    }

    /** Decodes a state; a malformed input raises {@link IllegalArgumentException}. */
    public static MetaState decode(byte[] bytes) {
        MetaState state = Protostuff.decode(bytes, MetaState.class);
        for (NodeInfo n : concat(state.dataNodes(), state.sessionNodes())) {
            if (n == null || n.role() == null || n.address() == null || n.processId() == null || n.processId().address() == null) {
                // found by MetaCodecFuzzTest: such a node failed sorting the state with a NullPointerException
                throw new IllegalArgumentException("meta snapshot holds a node without its role, address or process: " + n);
            }
        }
        return state.normalized();
    }

    private static java.util.List<NodeInfo> concat(java.util.List<NodeInfo> a, java.util.List<NodeInfo> b) {
        java.util.List<NodeInfo> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
