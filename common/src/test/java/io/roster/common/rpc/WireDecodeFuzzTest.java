package io.roster.common.rpc;

import com.alipay.remoting.exception.DeserializationException;
import com.alipay.remoting.rpc.protocol.RpcRequestCommand;
import com.alipay.remoting.rpc.protocol.RpcResponseCommand;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.roster.common.fuzz.FuzzInputs;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every wire type as bolt hands it to Roster: the body bytes of a request or a response, decoded by the protostuff
 * serializer bolt calls. A malformed body may only raise bolt's {@link DeserializationException} (bolt answers the
 * caller with an error and keeps the connection); anything else, a hang or an allocation past the heap is a finding.
 * Input: byte 0 picks the type in {@link WireTypes#ALL}, byte 1 bit 0 says request or response, the rest is the body.
 * In `mvn verify` this replays the corpus under WireDecodeFuzzTestInputs/; JAZZER_FUZZ=1 fuzzes (tools/fuzz/run-all.sh).
 */
class WireDecodeFuzzTest {
    private final ProtostuffBoltSerializer serializer = new ProtostuffBoltSerializer();

    @FuzzTest(maxDuration = "2h")
    void anyWireType(byte[] input) throws Exception {
        if (input.length < 2) {
            return;
        }
        Class<?> type = WireTypes.ALL.get(Byte.toUnsignedInt(input[0]) % WireTypes.ALL.size());
        byte[] body = Arrays.copyOfRange(input, 2, input.length);
        Object decoded;
        try {
            decoded = (input[1] & 1) == 0 ? asRequest(type, body) : asResponse(type, body);
        } catch (DeserializationException expected) {
            return;
        }
        assertThat(decoded).isInstanceOf(type);
        // What came off the wire is logged and relayed: printing and encoding it again must work.
        assertThat(decoded.toString()).isNotNull();
        Protostuff.decode(Protostuff.encode(decoded), type);
    }

    /** A seed for every wire type is in the corpus: a type added without one would start fuzzing blind. */
    @Test
    void theCorpusHoldsAValidEncodingOfEveryWireType() throws Exception {
        FuzzInputs corpus = FuzzInputs.of(WireDecodeFuzzTest.class, "anyWireType");
        for (int i = 0; i < WireTypes.ALL.size(); i++) {
            Class<?> type = WireTypes.ALL.get(i);
            byte[] body = WireSamples.encodedSample(type);
            byte[] seed = FuzzInputs.concat(new byte[]{(byte) i, 0}, body);
            corpus.writeSeedIfAsked("valid-" + type.getSimpleName(), seed);
            assertThat(corpus.contains(seed)).as("a valid %s in the corpus", type.getSimpleName()).isTrue();
            assertThat(asRequest(type, body)).isInstanceOf(type);
        }
    }

    private Object asRequest(Class<?> type, byte[] body) throws DeserializationException {
        RpcRequestCommand cmd = new RpcRequestCommand();
        cmd.setRequestClass(type.getName());
        cmd.setContent(body);
        serializer.deserializeContent(cmd);
        return cmd.getRequestObject();
    }

    private Object asResponse(Class<?> type, byte[] body) throws DeserializationException {
        RpcResponseCommand cmd = new RpcResponseCommand();
        cmd.setResponseClass(type.getName());
        cmd.setContent(body);
        serializer.deserializeContent(cmd, null);
        return cmd.getResponseObject();
    }
}
