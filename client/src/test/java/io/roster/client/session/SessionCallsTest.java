package io.roster.client.session;

import com.alipay.remoting.exception.CodecException;
import com.alipay.remoting.exception.ConnectionClosedException;
import com.alipay.remoting.rpc.exception.InvokeException;
import com.alipay.remoting.rpc.exception.InvokeSendFailedException;
import com.alipay.remoting.rpc.exception.InvokeServerBusyException;
import com.alipay.remoting.rpc.exception.InvokeServerException;
import com.alipay.remoting.rpc.exception.InvokeTimeoutException;
import io.roster.common.wire.ErrorCode;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** Only silence makes a call "lost" (and the connection untrusted); anything the session answered is an answer. */
class SessionCallsTest {
    private static CallOutcome outcome(com.alipay.remoting.exception.RemotingException e) {
        return SessionCalls.outcomeOf("PublishRequest", e, 10_000);
    }

    private static ErrorCode answeredCode(CallOutcome outcome) {
        assertThat(outcome).isInstanceOf(CallOutcome.Answered.class);
        return ((CallOutcome.Answered) outcome).reply().code();
    }

    @Test
    void aTimeoutIsALostConnection() {
        assertThat(outcome(new InvokeTimeoutException("Rpc invocation timeout[responseCommand TIMEOUT]!")))
                .isEqualTo(new CallOutcome.Lost("PublishRequest got no answer within 10000 ms", true));
    }

    @Test
    void aFailedSendOrAClosedConnectionIsALostConnection() {
        assertThat(outcome(new InvokeSendFailedException("send failed", new IOException("Broken pipe"))))
                .isEqualTo(new CallOutcome.Lost("PublishRequest got no answer: send failed (Broken pipe)", true));
        assertThat(outcome(new ConnectionClosedException("Connection closed!")))
                .isInstanceOfSatisfying(CallOutcome.Lost.class, lost -> assertThat(lost.connectionFailed()).isTrue());
    }

    @Test
    void aSendThatFailedUnderACallbackIsALostConnectionToo() {
        // bolt's callback path reports a failed send as a generic InvokeException naming the status (a chaos run saw
        // it when a session was killed): the request never left, so the registration is kept for the replay.
        InvokeException sendFailed = new InvokeException("Exception caught in invocation. The address is 127.0.0.1:45017 "
                + "responseStatus:CLIENT_SEND_ERROR", new IOException("Connection reset by peer"));
        assertThat(outcome(sendFailed))
                .isInstanceOfSatisfying(CallOutcome.Lost.class, lost -> assertThat(lost.connectionFailed()).isTrue());
    }

    @Test
    void failuresTheSessionReportedAreAnswers() {
        assertThat(answeredCode(outcome(new InvokeServerBusyException("busy")))).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(answeredCode(outcome(new InvokeServerException("processor failed")))).isEqualTo(ErrorCode.INTERNAL_ERROR);
        assertThat(answeredCode(outcome(new CodecException("codec")))).isEqualTo(ErrorCode.INTERNAL_ERROR);
        // any other failure status in the response, e.g. no processor for the request type
        assertThat(answeredCode(outcome(new InvokeException("Rpc invocation exception: NO_PROCESSOR"))))
                .isEqualTo(ErrorCode.INTERNAL_ERROR);
    }
}
