package io.roster.common.rpc;

/** A call that got no reply: the peer is unreachable, timed out, or failed to decode. The message names the peer. */
public class RpcFailure extends RuntimeException {
    public RpcFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
