package io.roster.common.lever;

import io.roster.common.model.InvalidInputException;
import io.roster.common.rpc.Protostuff;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IncidentLeversTest {

    @Test
    void addressesAreIpLiteralsWithAnOptionalPortForClientOffOnly() {
        assertThat(LeverValues.address(" 10.0.0.5 ", false)).isEqualTo("10.0.0.5");
        assertThat(LeverValues.address("10.0.0.5:53012", true)).isEqualTo("10.0.0.5:53012");
        assertThat(LeverValues.address("[::1]:80", true)).isEqualTo("[0:0:0:0:0:0:0:1]:80");
        assertThat(LeverValues.address("FE80::1", false)).isEqualTo("fe80:0:0:0:0:0:0:1");
        assertThatThrownBy(() -> LeverValues.address("10.0.0.5:80", false)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("IP address only");
        assertThatThrownBy(() -> LeverValues.address("10.0.0.5:0", true)).hasMessageContaining("1-65535");
        assertThatThrownBy(() -> LeverValues.address("10.0.0.5:70000", true)).hasMessageContaining("1-65535");
        assertThatThrownBy(() -> LeverValues.address("example.com", true)).hasMessageContaining("'example.com'")
                .hasMessageContaining("no host names");
        assertThatThrownBy(() -> LeverValues.address("300.1.1.1", false)).hasMessageContaining("'300.1.1.1'");
        assertThatThrownBy(() -> LeverValues.address("010.1.1.1", false)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> LeverValues.address("", false)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void patternsAreGlobsOverTheWholeDataId() {
        assertThat(LeverValues.matches("com.shop.*", "com.shop.Orders")).isTrue();
        assertThat(LeverValues.matches("com.shop.*", "com.shopping.Orders")).isFalse();
        assertThat(LeverValues.matches("*Orders", "com.shop.Orders")).isTrue();
        assertThat(LeverValues.matches("*.shop.*s", "com.shop.Orders")).isTrue();
        assertThat(LeverValues.matches("com.shop.Orders", "com.shop.Orders2")).isFalse();
        assertThat(LeverValues.matches("*", "anything")).isTrue();
        assertThatThrownBy(() -> LeverValues.pattern("a b")).hasMessageContaining("'a b'");
        assertThatThrownBy(() -> LeverValues.pattern("x".repeat(257))).isInstanceOf(InvalidInputException.class);
        assertThat(LeverValues.pattern("x".repeat(256))).hasSize(256);
    }

    @Test
    void refusalNamesTheLeverAndMatchesTheDataIdPartOnly() {
        IncidentLevers levers = IncidentLevers.NONE.with(Lever.BLACKLIST_IP, "10.0.0.5", true, 3)
                .with(Lever.BLACKLIST_DATAID, "com.bad.*", true, 4);
        assertThat(levers.refusal("10.0.0.5", "svc#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP"))
                .isEqualTo("blacklisted by the operator: blacklist-ip 10.0.0.5");
        assertThat(levers.refusal("10.0.0.6", "com.bad.X#@#DEFAULT_INSTANCE_ID#@#DEFAULT_GROUP"))
                .isEqualTo("blacklisted by the operator: blacklist-dataid com.bad.*");
        // the pattern is matched against the dataId, never the group
        assertThat(levers.refusal("10.0.0.6", "svc#@#DEFAULT_INSTANCE_ID#@#com.bad.G")).isNull();
        assertThat(levers.version()).isEqualTo(4);
    }

    @Test
    void clientOffMatchesTheIpOrTheExactAddress() {
        IncidentLevers levers = IncidentLevers.NONE.with(Lever.CLIENT_OFF, "10.0.0.5", true, 1)
                .with(Lever.CLIENT_OFF, "10.0.0.6:4000", true, 2);
        assertThat(levers.clientOff("10.0.0.5", 1234)).isTrue();
        assertThat(levers.clientOff("10.0.0.6", 4000)).isTrue();
        assertThat(levers.clientOff("10.0.0.6", 4001)).isFalse();
        assertThat(levers.with(Lever.CLIENT_OFF, "10.0.0.5", false, 3).clientOff("10.0.0.5", 1234)).isFalse();
    }

    @Test
    void addingTwiceOrRemovingWhatIsAbsentChangesNothing() {
        IncidentLevers one = IncidentLevers.NONE.with(Lever.GRAY_PUSH, "10.0.0.5", true, 1);
        assertThat(one.with(Lever.GRAY_PUSH, "10.0.0.5", true, 2)).isSameAs(one);
        assertThat(one.with(Lever.GRAY_PUSH, "10.0.0.9", false, 2)).isSameAs(one);
    }

    @Test
    void aLeverHoldsAtMostAThousandEntries() {
        IncidentLevers levers = IncidentLevers.NONE;
        for (int i = 0; i < LeverValues.MAX_ENTRIES; i++) {
            levers = levers.with(Lever.BLACKLIST_DATAID, "svc" + i, true, i + 1);
        }
        IncidentLevers full = levers;
        assertThatThrownBy(() -> full.with(Lever.BLACKLIST_DATAID, "one-more", true, 5_000))
                .isInstanceOf(IncidentLevers.LeverLimitException.class).hasMessageContaining("1000 entries");
    }

    @Test
    void unknownLeverKeysAreRefusedByName() {
        assertThatThrownBy(() -> Lever.ofKey("blacklist-host")).hasMessageContaining("'blacklist-host'")
                .hasMessageContaining("client-off");
    }

    @Test
    void roundTripsThroughProtostuffIncludingEmptyLists() {
        IncidentLevers levers = new IncidentLevers(List.of("10.0.0.5:1"), List.of(), List.of("a*"), List.of("10.0.0.7"), 9);
        assertThat(Protostuff.decode(Protostuff.encode(levers), IncidentLevers.class)).isEqualTo(levers);
        assertThat(Protostuff.decode(Protostuff.encode(IncidentLevers.NONE), IncidentLevers.class)).isEqualTo(IncidentLevers.NONE);
    }
}
