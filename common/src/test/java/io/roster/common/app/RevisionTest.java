package io.roster.common.app;

import io.roster.common.model.InvalidInputException;
import io.roster.common.model.RegistryLimits;
import io.roster.common.rpc.Protostuff;
import io.roster.common.wire.RevisionCatalogReply;
import io.roster.common.wire.ErrorCode;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RevisionTest {
    private static final RegistryLimits LIMITS = RegistryLimits.DEFAULTS;

    static InterfaceSpec spec(String id, String... kv) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            params.put(kv[i], kv[i + 1]);
        }
        return InterfaceSpec.of(id, params, LIMITS);
    }

    @Test
    void theDigestDependsOnContentOnlyNotOnTheOrderItWasGivenIn() {
        Revision a = Revision.of("orders", List.of(spec("com.x.Echo", "timeout", "3000", "serialization", "hessian2"),
                spec("com.x.Pay", "timeout", "500")), LIMITS);
        Revision b = Revision.of("orders", List.of(spec("com.x.Pay", "timeout", "500"),
                spec("com.x.Echo", "serialization", "hessian2", "timeout", "3000")), LIMITS);
        Revision other = Revision.of("orders", List.of(spec("com.x.Echo", "timeout", "3001")), LIMITS);

        assertThat(a.digest()).isEqualTo(b.digest()).hasSize(RevisionDigest.LENGTH);
        assertThat(RevisionDigest.isWellFormed(a.digest())).isTrue();
        assertThat(other.digest()).isNotEqualTo(a.digest());
        assertThat(a.interfaces()).extracting(InterfaceSpec::dataInfoId)
                .containsExactly("com.x.Echo#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP", "com.x.Pay#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP");
        assertThat(a.spec("com.x.Pay#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP").params()).containsEntry("timeout", "500");
        assertThat(a.provides("com.x.Other#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP")).isFalse();
    }

    @Test
    void aRevisionSurvivesTheWireAndIsCheckedAgainstItsDigest() {
        Revision r = Revision.of("orders", List.of(spec("com.x.Echo", "b", "2", "a", "1")), LIMITS);
        Revision back = Protostuff.decode(Protostuff.encode(r), Revision.class);
        back.check(LIMITS);
        assertThat(back).isEqualTo(r);
        assertThat(back.interfaces().get(0).params().keySet()).containsExactly("a", "b");

        Revision forged = new Revision("orders", r.digest(), List.of(spec("com.x.Echo", "a", "9")));
        assertThatThrownBy(() -> forged.check(LIMITS)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("digests to");
        Revision twice = new Revision("orders", "0".repeat(32), List.of(spec("com.x.Echo"), spec("com.x.Echo")));
        assertThatThrownBy(() -> twice.check(LIMITS)).hasMessageContaining("twice or out of order");
        assertThatThrownBy(() -> Revision.of("orders", List.of(), LIMITS)).hasMessageContaining("serves no interface");
        assertThatThrownBy(() -> Revision.of("bad app", List.of(spec("com.x.Echo")), LIMITS))
                .hasMessageContaining("white-space");
        assertThatThrownBy(() -> spec("com.x.Echo#@#i#@#ROSTER_APP")).hasMessageContaining("reserved group");
    }

    @Test
    void anInstanceItemRoundTripsAndABadOneIsNamed() {
        String digest = Revision.of("orders", List.of(spec("com.x.Echo")), LIMITS).digest();
        AppInstance i = new AppInstance(digest, "10.0.0.1:12200", Map.of("weight", "50", "zone", "a b"));
        assertThat(AppInstance.decode(i.encode())).isEqualTo(i);
        assertThat(AppInstance.decode(new AppInstance(digest, "h:1", Map.of()).encode()).params()).isEmpty();
        assertThatThrownBy(() -> AppInstance.decode("nonsense".getBytes())).hasMessageContaining("must be '<revision>");
        assertThatThrownBy(() -> AppInstance.decode(("XYZ h:1").getBytes())).hasMessageContaining("not a revision digest");
        assertThatThrownBy(() -> new AppInstance(digest, "", Map.of())).hasMessageContaining("address is empty");
    }

    @Test
    void aConvertedItemCarriesTheInterfaceParametersOverriddenByTheInstances() {
        Revision r = Revision.of("orders", List.of(spec("com.x.Echo", "timeout", "3000", "weight", "100")), LIMITS);
        InterfaceSpec echo = r.interfaces().get(0);
        assertThat(ConvertedItem.of(new AppInstance(r.digest(), "10.0.0.1:1", Map.of()), echo))
                .isEqualTo("10.0.0.1:1?timeout=3000&weight=100");
        assertThat(ConvertedItem.of(new AppInstance(r.digest(), "10.0.0.1:1", Map.of("weight", "5")), echo))
                .isEqualTo("10.0.0.1:1?timeout=3000&weight=5");
        assertThat(ConvertedItem.of(new AppInstance(r.digest(), "10.0.0.1:1", Map.of()), spec("com.x.Pay")))
                .isEqualTo("10.0.0.1:1");
        assertThat(ServiceAddress.of("10.0.0.1:1?timeout=3000")).isEqualTo("10.0.0.1:1");
        assertThat(ServiceAddress.of("dubbo://10.0.0.1:1/com.x.Echo?v=1")).isEqualTo("10.0.0.1:1");
        assertThat(ServiceAddress.of("10.0.0.1:1")).isEqualTo("10.0.0.1:1");
    }

    @Test
    void reservedIdsNameTheirAppAndInterface() {
        String app = AppIds.appDataInfoId("orders", LIMITS);
        assertThat(app).isEqualTo("orders#@#DEFAULT_INSTANCE_ID#@#ROSTER_APP");
        assertThat(AppIds.appOf(app)).isEqualTo("orders");
        assertThat(AppIds.appOf("orders#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP")).isNull();
        String providers = AppIds.providersDataInfoId("com.x.Echo#@#v1#@#G", LIMITS);
        assertThat(providers).isEqualTo("com.x.Echo#@#v1#@#ROSTER_PROVIDERS.G");
        assertThat(AppIds.interfaceOfProviders(providers)).isEqualTo("com.x.Echo#@#v1#@#G");
        assertThat(AppIds.interfaceOfProviders(app)).isNull();
    }

    @Test
    void theCatalogIndexesLiveProvidersAndRemembersEveryPair() {
        Revision v1 = Revision.of("orders", List.of(spec("com.x.Echo"), spec("com.x.Pay")), LIMITS);
        Revision v2 = Revision.of("orders", List.of(spec("com.x.Echo")), LIMITS);
        Revision users = Revision.of("users", List.of(spec("com.x.Echo", "timeout", "1")), LIMITS);
        String echo = v1.interfaces().get(0).dataInfoId();
        String pay = v1.interfaces().get(1).dataInfoId();

        RevisionCatalog c1 = RevisionCatalog.EMPTY.advance(5, List.of(v1, users), null, List.of());
        assertThat(c1.providers(echo)).containsExactly("orders", "users");
        assertThat(c1.providers(pay)).containsExactly("orders");
        assertThat(c1.revisionsOf("orders")).containsExactly(v1);

        RevisionCatalog c2 = c1.advance(9, List.of(v2), List.of(v2.digest(), users.digest()), List.of());
        assertThat(c2.revision(v1.digest())).isNull();
        assertThat(c2.providers(pay)).isEmpty();
        assertThat(c2.everProviders(pay)).containsExactly("orders");
        assertThat(RevisionCatalog.interfacesAffected(c1, c2)).containsExactlyInAnyOrder(echo, pay);
        assertThat(c2.advance(9, List.of(v1), null, List.of())).isSameAs(c2);

        RevisionCatalogReply full = new RevisionCatalogReply(ErrorCode.OK, "", "", c2.version(), List.copyOf(c2.revisions()),
                List.of(v2.digest(), users.digest()), c2.pairs());
        RevisionCatalogReply back = Protostuff.decode(Protostuff.encode(full), RevisionCatalogReply.class);
        RevisionCatalog copy = back.applyTo(RevisionCatalog.EMPTY);
        assertThat(copy.version()).isEqualTo(9);
        assertThat(copy.everProviders(pay)).containsExactly("orders");
        assertThat(copy.providers(echo)).containsExactly("orders", "users");
    }

    /** A bad %-escape in an instance item's parameters made URLDecoder's IllegalArgumentException escape (INTERNAL_ERROR). */
    @org.junit.jupiter.api.Test
    void anInstanceItemWithABadEscapeIsInvalidInput() {
        String digest = "0".repeat(RevisionDigest.LENGTH);
        for (String params : java.util.List.of("a=%zz", "a%=1", "a=%")) {
            byte[] item = (digest + " 10.0.0.1:1 " + params).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> AppInstance.decode(item)).as(params)
                    .isInstanceOf(io.roster.common.model.InvalidInputException.class).hasMessageContaining("escape");
        }
    }
}
