package io.roster.common.heartbeat;

import io.roster.common.rpc.RpcCaller;
import io.roster.common.rpc.RpcFailure;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.Reply;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Calls the meta leader: starts with the last known leader, follows NOT_LEADER redirects, and falls through the
 * configured meta addresses when one does not answer.
 */
public final class MetaClient {
    private final RpcCaller caller;
    private final List<String> servers;
    private final int timeoutMs;
    private volatile String leaderGuess;

    public MetaClient(RpcCaller caller, List<String> servers, int timeoutMs) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no meta server address");
        }
        this.caller = caller;
        this.servers = List.copyOf(servers);
        this.timeoutMs = timeoutMs;
        this.leaderGuess = servers.get(0);
    }

    /**
     * Sends {@code request} to the leader. {@code leaderOf} extracts the leader address from a NOT_LEADER reply.
     * Returns the first reply that is not NOT_LEADER; throws {@link RpcFailure} when no meta answers.
     */
    public <R extends Reply> R call(Object request, Class<R> replyType, Function<R, String> leaderOf) {
        List<String> order = new ArrayList<>();
        order.add(leaderGuess);
        for (String s : servers) {
            if (!order.contains(s)) {
                order.add(s);
            }
        }
        List<String> errors = new ArrayList<>();
        R lastNotLeader = null;
        int redirects = 0;
        for (int i = 0; i < order.size(); i++) {
            String address = order.get(i);
            R reply;
            try {
                reply = caller.call(address, request, replyType, timeoutMs);
            } catch (RpcFailure e) {
                errors.add(e.getMessage());
                continue;
            }
            if (reply.code() != ErrorCode.NOT_LEADER) {
                leaderGuess = address;
                return reply;
            }
            lastNotLeader = reply;
            String leader = leaderOf.apply(reply);
            if (leader != null && !leader.isEmpty() && !leader.equals(address) && redirects++ < 3) {
                // Try the named leader next. It may have been tried already (it was down, or not leading yet): then
                // removing it shifts this server back by one place.
                int at = order.indexOf(leader);
                if (at >= 0) {
                    order.remove(at);
                    if (at < i) {
                        i--;
                    }
                }
                order.add(i + 1, leader);
            }
        }
        if (lastNotLeader != null) {
            return lastNotLeader;
        }
        throw new RpcFailure("no meta server answered (" + String.join(", ", servers) + "): " + String.join("; ", errors), null);
    }

    public List<String> servers() {
        return servers;
    }

    public String leaderGuess() {
        return leaderGuess;
    }
}
