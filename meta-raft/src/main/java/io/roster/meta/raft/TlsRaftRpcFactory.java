package io.roster.meta.raft;

import com.alipay.sofa.jraft.option.RpcOptions;
import com.alipay.sofa.jraft.rpc.RpcClient;
import com.alipay.sofa.jraft.rpc.impl.BoltRaftRpcFactory;
import com.alipay.sofa.jraft.rpc.impl.BoltRpcClient;
import com.alipay.sofa.jraft.util.SPI;

/**
 * jraft's bolt RPC, plus TLS on the bolt clients jraft opens for a node or a CliService whose options carry a
 * {@link LinkSecured} security (Raft's own calls to peers: votes, appends, snapshots, read-index; and the meta admin
 * CLI). Found by jraft's service loader (META-INF/services), ahead of {@link BoltRaftRpcFactory} by its priority;
 * for any other options it is exactly that factory. jraft offers no per-node client hook other than the options
 * object it passes here, hence the subclassed options.
 */
@SPI(priority = 1)
public final class TlsRaftRpcFactory extends BoltRaftRpcFactory {
    @Override
    public ConfigHelper<RpcClient> defaultJRaftClientConfigHelper(RpcOptions opts) {
        ConfigHelper<RpcClient> base = super.defaultJRaftClientConfigHelper(opts);
        return client -> {
            if (base != null) {
                base.config(client);
            }
            if (opts instanceof LinkSecured secured && client instanceof BoltRpcClient bolt) {
                secured.linkSecurity().applyTo(bolt.getRpcClient()); // before jraft starts the client
            }
        };
    }
}
