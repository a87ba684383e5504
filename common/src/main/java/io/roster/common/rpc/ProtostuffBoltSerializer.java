package io.roster.common.rpc;

import com.alipay.remoting.DefaultCustomSerializer;
import com.alipay.remoting.InvokeContext;
import com.alipay.remoting.exception.DeserializationException;
import com.alipay.remoting.exception.SerializationException;
import com.alipay.remoting.rpc.RequestCommand;
import com.alipay.remoting.rpc.ResponseCommand;
import com.alipay.remoting.rpc.protocol.RpcRequestCommand;
import com.alipay.remoting.rpc.protocol.RpcResponseCommand;

/** Plugs protostuff into bolt for the request and response bodies of Roster's wire classes. */
final class ProtostuffBoltSerializer extends DefaultCustomSerializer {
    @Override
    public <T extends RequestCommand> boolean serializeContent(T request, InvokeContext invokeContext) throws SerializationException {
        RpcRequestCommand cmd = (RpcRequestCommand) request;
        try {
            cmd.setContent(Protostuff.encode(cmd.getRequestObject()));
        } catch (RuntimeException e) {
            throw new SerializationException("cannot encode " + cmd.getRequestClass() + ": " + e.getMessage(), e);
        }
        return true;
    }

    @Override
    public <T extends RequestCommand> boolean deserializeContent(T request) throws DeserializationException {
        RpcRequestCommand cmd = (RpcRequestCommand) request;
        cmd.setRequestObject(decode(cmd.getContent(), cmd.getRequestClass()));
        return true;
    }

    @Override
    public <T extends ResponseCommand> boolean serializeContent(T response) throws SerializationException {
        RpcResponseCommand cmd = (RpcResponseCommand) response;
        try {
            cmd.setContent(Protostuff.encode(cmd.getResponseObject()));
        } catch (RuntimeException e) {
            throw new SerializationException("cannot encode " + cmd.getResponseClass() + ": " + e.getMessage(), e);
        }
        return true;
    }

    @Override
    public <T extends ResponseCommand> boolean deserializeContent(T response, InvokeContext invokeContext) throws DeserializationException {
        RpcResponseCommand cmd = (RpcResponseCommand) response;
        cmd.setResponseObject(decode(cmd.getContent(), cmd.getResponseClass()));
        return true;
    }

    private static Object decode(byte[] content, String className) throws DeserializationException {
        Class<?> type = WireTypes.byName(className);
        if (type == null) {
            throw new DeserializationException("unknown message type " + className);
        }
        try {
            return Protostuff.decode(content == null ? new byte[0] : content, type);
        } catch (RuntimeException e) {
            throw new DeserializationException("corrupt " + type.getSimpleName() + " body: " + e.getMessage());
        }
    }
}
