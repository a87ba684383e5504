package io.roster.common.wire;

import io.roster.common.rpc.Protostuff;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The query API's bolt messages survive protostuff, items of each kind and empty filters included. */
class RegistryQueryWireTest {
    @Test
    void queryRoundTripsAndMissingFiltersReadAsEmpty() {
        RegistryQuery q = new RegistryQuery(RegistryQuery.PUBLISHERS, "svc", null, "10.0.0.5", null, 500, "G");
        RegistryQuery back = Protostuff.decode(Protostuff.encode(q), RegistryQuery.class);
        assertThat(back.kind()).isEqualTo("publishers");
        assertThat(back.dataId()).isEqualTo("svc");
        assertThat(back.prefix()).isEmpty();
        assertThat(back.ip()).isEqualTo("10.0.0.5");
        assertThat(back.app()).isEmpty();
        assertThat(back.limit()).isEqualTo(500);
        assertThat(back.group()).isEqualTo("G");
    }

    @Test
    void replyRoundTripsEveryItemKind() {
        RegistrationItem pub = RegistrationItem.publisher("r1", "svc#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP", "c1",
                "10.0.0.5:53012", "orders", 1_700_000_000_123L, 3, List.of("10.0.0.5:8080", ""), true);
        RegistrationItem sub = RegistrationItem.subscriber("r2", "svc#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP", "c2",
                "[::1]:4000", "web", 5, -1);
        ServiceItem service = new ServiceItem("svc#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP", 1, 2);
        ConnectionItem connection = new ConnectionItem("c1", "10.0.0.5:53012", "orders", 7, 1, 0);
        RegistryQueryReply reply = new RegistryQueryReply(ErrorCode.OK, "", "127.0.0.1:9601", List.of(service),
                List.of(pub, sub), List.of(connection), true, 9);

        RegistryQueryReply back = Protostuff.decode(Protostuff.encode(reply), RegistryQueryReply.class);

        assertThat(back.ok()).isTrue();
        assertThat(back.session()).isEqualTo("127.0.0.1:9601");
        assertThat(back.truncated()).isTrue();
        assertThat(back.services()).containsExactly(service);
        assertThat(back.registrations()).containsExactly(pub, sub);
        assertThat(back.registrations().get(0).dataItems()).containsExactly("10.0.0.5:8080", "");
        assertThat(back.registrations().get(0).off()).isTrue();
        assertThat(back.registrations().get(1).isPublisher()).isFalse();
        assertThat(back.registrations().get(1).pushedVersion()).isEqualTo(-1);
        assertThat(back.connections()).containsExactly(connection);
        assertThat(back.size()).isEqualTo(4);
        assertThat(back.matched()).isEqualTo(9);
    }

    @Test
    void anErrorReplyCarriesNoItems() {
        RegistryQueryReply back = Protostuff.decode(Protostuff.encode(
                RegistryQueryReply.error(ErrorCode.INVALID_REQUEST, "limit 0 is out of range", "s:1")), RegistryQueryReply.class);
        assertThat(back.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(back.message()).contains("limit");
        assertThat(back.size()).isZero();
        assertThat(back.truncated()).isFalse();
    }
}
