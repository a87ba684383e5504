package io.roster.common.rpc;

import com.alipay.remoting.exception.DeserializationException;
import com.alipay.remoting.rpc.protocol.RpcRequestCommand;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.roster.common.app.AppIds;
import io.roster.common.app.AppInstance;
import io.roster.common.app.Revision;
import io.roster.common.fuzz.FuzzInputs;
import io.roster.common.model.DataInfoId;
import io.roster.common.model.InvalidInputException;
import io.roster.common.model.RegistryLimits;
import io.roster.common.wire.ClientHello;
import io.roster.common.wire.PublishRequest;
import io.roster.common.wire.RevisionQuery;
import io.roster.common.wire.RevisionRegistration;
import io.roster.common.wire.SubscribeRequest;
import io.roster.common.wire.UnpublishRequest;
import io.roster.common.wire.UnsubscribeRequest;
import io.roster.common.app.InterfaceSpec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client may send a session, decoded as bolt does and then checked as the session's handlers check it before
 * touching state (ClientRequestHandlers, RevisionHandlers, AppPublishCheck): a bad request may only raise
 * {@link InvalidInputException}, which the handler answers INVALID_REQUEST naming the problem. Any other exception
 * would be answered INTERNAL_ERROR (a server fault) and is a finding.
 * Input: byte 0 picks the type in {@link #TYPES}, the rest is the body.
 */
class ClientRequestFuzzTest {
    static final List<Class<?>> TYPES = List.of(PublishRequest.class, UnpublishRequest.class, SubscribeRequest.class,
            UnsubscribeRequest.class, ClientHello.class, RevisionRegistration.class, RevisionQuery.class);
    private static final RegistryLimits LIMITS = RegistryLimits.DEFAULTS;
    private final ProtostuffBoltSerializer serializer = new ProtostuffBoltSerializer();

    @FuzzTest(maxDuration = "2h")
    void clientRequest(byte[] input) {
        if (input.length < 1) {
            return;
        }
        Class<?> type = TYPES.get(Byte.toUnsignedInt(input[0]) % TYPES.size());
        RpcRequestCommand cmd = new RpcRequestCommand();
        cmd.setRequestClass(type.getName());
        cmd.setContent(Arrays.copyOfRange(input, 1, input.length));
        try {
            serializer.deserializeContent(cmd);
        } catch (DeserializationException e) {
            return;
        }
        try {
            check(cmd.getRequestObject());
        } catch (InvalidInputException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }

    /** The checks the session's handlers run on each request, in their order. */
    private static void check(Object request) {
        if (request instanceof PublishRequest r) {
            String dataInfoId = validIds(r.clientId(), r.registerId(), r.dataInfoId());
            LIMITS.checkAppName(r.appName());
            LIMITS.checkData(r.data());
            if (AppIds.appOf(dataInfoId) != null && r.data().size() == 1) {
                AppInstance.decode(r.data().get(0)); // AppPublishCheck, before it looks the revision up
            }
        } else if (request instanceof UnpublishRequest r) {
            validIds(r.clientId(), r.registerId(), r.dataInfoId());
        } else if (request instanceof SubscribeRequest r) {
            validIds(r.clientId(), r.registerId(), r.dataInfoId());
            LIMITS.checkAppName(r.appName());
        } else if (request instanceof UnsubscribeRequest r) {
            validIds(r.clientId(), r.registerId(), r.dataInfoId());
        } else if (request instanceof ClientHello r) {
            assertThat(r.capabilities()).isNotNull().doesNotContainNull();
            assertThat(r.clientId()).isNotNull();
        } else if (request instanceof RevisionRegistration r) {
            if (r.revision() == null) {
                throw new InvalidInputException("no revision");
            }
            r.revision().check(LIMITS);
        } else if (request instanceof RevisionQuery r) {
            assertThat(r.digests()).isNotNull();
        }
    }

    private static String validIds(String clientId, String registerId, String dataInfoId) {
        LIMITS.checkId("clientId", clientId);
        LIMITS.checkId("registerId", registerId);
        return DataInfoId.parse(dataInfoId, LIMITS).toString();
    }

    /** Valid requests of each type (a plain publish, an application instance, a revision) seed the corpus. */
    @Test
    void theCorpusHoldsAValidRequestOfEachType() {
        String svc = "com.example.Echo#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
        Revision revision = Revision.of("shop", List.of(new InterfaceSpec(svc, Map.of("v", "1"))), LIMITS);
        String app = AppIds.appDataInfoId("shop", LIMITS);
        byte[] instance = new AppInstance(revision.digest(), "10.0.0.1:12200", Map.of("w", "1")).encode();
        List<Object> valid = List.of(
                new PublishRequest("c1", "shop", "r1", svc, List.of("10.0.0.1:12200".getBytes(StandardCharsets.UTF_8)), 1, "z"),
                new PublishRequest("c1", "shop", "r2", app, List.of(instance), 1, "z"),
                new UnpublishRequest("c1", "r1", svc),
                new SubscribeRequest("c1", "shop", "s1", svc, "z"),
                new UnsubscribeRequest("c1", "s1", svc),
                new ClientHello("c1", List.of(ClientHello.PUSH_DELTA)),
                new RevisionRegistration(revision),
                new RevisionQuery(List.of(revision.digest())));
        FuzzInputs corpus = FuzzInputs.of(ClientRequestFuzzTest.class, "clientRequest");
        for (int i = 0; i < valid.size(); i++) {
            Object request = valid.get(i);
            check(request);
            byte[] seed = FuzzInputs.concat(new byte[]{(byte) TYPES.indexOf(request.getClass())}, Protostuff.encode(request));
            corpus.writeSeedIfAsked("valid-" + i + "-" + request.getClass().getSimpleName(), seed);
            assertThat(corpus.contains(seed)).as("valid request %s in the corpus", request).isTrue();
        }
        // Regression: a bad %-escape in an instance item's parameters escaped as IllegalArgumentException (INTERNAL_ERROR).
        byte[] badEscape = (revision.digest() + " 10.0.0.1:12200 w=%zz").getBytes(StandardCharsets.UTF_8);
        byte[] crash = FuzzInputs.concat(new byte[]{0}, Protostuff.encode(
                new PublishRequest("c1", "shop", "r3", app, List.of(badEscape), 1, "z")));
        corpus.writeSeedIfAsked("crash-instance-param-bad-escape", crash);
        assertThat(corpus.contains(crash)).isTrue();
        clientRequest(crash);
    }
}
