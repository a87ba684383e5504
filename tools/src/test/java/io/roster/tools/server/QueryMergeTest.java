package io.roster.tools.server;

import io.roster.common.model.InvalidInputException;
import io.roster.common.model.RegistryLimits;
import io.roster.common.wire.ConnectionItem;
import io.roster.common.wire.ErrorCode;
import io.roster.common.wire.RegistrationItem;
import io.roster.common.wire.RegistryQuery;
import io.roster.common.wire.RegistryQueryReply;
import io.roster.common.wire.ServiceItem;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The query API's merge of several sessions' answers into one page, and its parameter checks, without sockets. */
class QueryMergeTest {
    private static final String A = "a#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP";
    private static final String B = "b#@#DEFAULT_INSTANCE_ID#@#G2";

    private static RegistryQueryReply services(String session, boolean truncated, ServiceItem... items) {
        return new RegistryQueryReply(ErrorCode.OK, "", session, List.of(items), List.of(), List.of(), truncated, items.length);
    }

    private static RegistrationItem pub(String registerId, String dataInfoId) {
        return RegistrationItem.publisher(registerId, dataInfoId, "c", "10.0.0.1:5000", "app", 0, 1, List.of("x"), false);
    }

    private static RegistryQueryReply registrations(String session, int matched, RegistrationItem... items) {
        return new RegistryQueryReply(ErrorCode.OK, "", session, List.of(), List.of(items), List.of(), matched > items.length, matched);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

    @Test
    void servicesAreSummedAcrossSessionsAndCountedOnce() {
        Map<String, Object> page = QueryMerge.page(RegistryQuery.SERVICES, List.of(
                services("s1:1", false, new ServiceItem(A, 2, 0), new ServiceItem(B, 1, 1)),
                services("s2:1", false, new ServiceItem(A, 1, 3))), List.of("s3:1"), 0, 100);
        assertThat(page.get("total")).isEqualTo(2L);
        assertThat(items(page)).hasSize(2);
        assertThat(items(page).get(0)).containsEntry("dataInfoId", A).containsEntry("dataId", "a")
                .containsEntry("group", "DEFAULT_GROUP").containsEntry("publishers", 3).containsEntry("subscribers", 3);
        assertThat(items(page).get(1)).containsEntry("group", "G2").containsEntry("publishers", 1);
        assertThat(page.get("missingSessions")).isEqualTo(List.of("s3:1"));
        assertThat(page).doesNotContainKey("truncated");

        Map<String, Object> truncated = QueryMerge.page(RegistryQuery.SERVICES, List.of(services("s1:1", true, new ServiceItem(A, 1, 0))),
                List.of(), 0, 100);
        assertThat(truncated).containsEntry("truncated", true);
    }

    @Test
    void registrationsAreSortedByDataInfoIdSessionRegisterIdAndPaged() {
        List<RegistryQueryReply> answers = List.of(
                registrations("s2:1", 3, pub("r1", A), pub("r3", B), pub("r9", A)),
                registrations("s1:1", 2, pub("r5", A), pub("r2", B)));
        Map<String, Object> whole = QueryMerge.page(RegistryQuery.PUBLISHERS, answers, List.of(), 0, 100);
        assertThat(whole.get("total")).isEqualTo(5L);
        assertThat(items(whole)).extracting(m -> m.get("session") + "/" + m.get("registerId"))
                .containsExactly("s1:1/r5", "s2:1/r1", "s2:1/r9", "s1:1/r2", "s2:1/r3");
        assertThat(items(whole).get(0)).containsEntry("connectedAt", "1970-01-01T00:00:00Z").containsEntry("off", false)
                .doesNotContainKey("kind").doesNotContainKey("pushedVersion");

        Map<String, Object> second = QueryMerge.page(RegistryQuery.PUBLISHERS, answers, List.of(), 2, 2);
        assertThat(items(second)).extracting(m -> m.get("registerId")).containsExactly("r9", "r2");
        assertThat(items(QueryMerge.page(RegistryQuery.PUBLISHERS, answers, List.of(), 10, 2))).isEmpty();

        Map<String, Object> mixed = QueryMerge.page(RegistryQuery.REGISTRATIONS, List.of(registrations("s1:1", 2, pub("r1", A),
                RegistrationItem.subscriber("r0", A, "c", "10.0.0.1:5000", "app", 0, 7))), List.of(), 0, 10);
        assertThat(items(mixed)).extracting(m -> m.get("kind")).containsExactly("subscriber", "publisher");
        assertThat(items(mixed).get(0)).containsEntry("pushedVersion", 7L).doesNotContainKey("dataItems");
    }

    @Test
    void connectionsAreSortedBySessionThenAddress() {
        RegistryQueryReply s2 = new RegistryQueryReply(ErrorCode.OK, "", "s2:1", List.of(), List.of(),
                List.of(new ConnectionItem("c1", "10.0.0.1:1", "a", 0, 1, 0)), false, 1);
        RegistryQueryReply s1 = new RegistryQueryReply(ErrorCode.OK, "", "s1:1", List.of(), List.of(),
                List.of(new ConnectionItem("c3", "10.0.0.9:1", "a", 0, 0, 1), new ConnectionItem("c2", "10.0.0.2:1", "b", 0, 2, 0)), false, 2);
        Map<String, Object> page = QueryMerge.page(RegistryQuery.CONNECTIONS, List.of(s2, s1), List.of(), 0, 100);
        assertThat(items(page)).extracting(m -> m.get("clientId")).containsExactly("c2", "c3", "c1");
        assertThat(page.get("total")).isEqualTo(3L);
    }

    @Test
    void parametersAreCheckedAndNamed() {
        QueryParams none = new QueryParams(Map.of(), RegistryLimits.DEFAULTS);
        assertThat(none.limit()).isEqualTo(100);
        assertThat(none.offset(100)).isZero();
        assertThat(none.ip()).isEmpty();
        assertThatThrownBy(none::dataId).isInstanceOf(InvalidInputException.class).hasMessageContaining("dataId is required");

        assertThat(new QueryParams(Map.of("ip", "::1"), RegistryLimits.DEFAULTS).ip()).as("as sessions show it").isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(new QueryParams(Map.of("ip", "10.0.0.5"), RegistryLimits.DEFAULTS).ip()).isEqualTo("10.0.0.5");
        for (String bad : List.of("10.0.0.256", "host.example", "10.0.0.5:80", "1.2.3", ":::x")) {
            assertThatThrownBy(() -> new QueryParams(Map.of("ip", bad), RegistryLimits.DEFAULTS).ip()).as(bad)
                    .hasMessageContaining("parameter ip");
        }
        assertThatThrownBy(() -> new QueryParams(Map.of("limit", "1001"), RegistryLimits.DEFAULTS).limit()).hasMessageContaining("limit");
        assertThatThrownBy(() -> new QueryParams(Map.of("offset", "9950"), RegistryLimits.DEFAULTS).offset(100))
                .as("offset + limit over what a session returns").hasMessageContaining("offset");
        assertThatThrownBy(() -> new QueryParams(Map.of("dataId", "a#@#b"), RegistryLimits.DEFAULTS).dataId())
                .hasMessageContaining("dataId");
        assertThatThrownBy(() -> new QueryParams(Map.of("session", "nohost"), RegistryLimits.DEFAULTS).session())
                .hasMessageContaining("session");
    }
}
