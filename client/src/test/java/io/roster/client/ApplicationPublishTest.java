package io.roster.client;

import io.roster.client.testing.ClientFixture;
import io.roster.client.testing.FakeSession;
import io.roster.common.app.AppIds;
import io.roster.common.app.AppInstance;
import io.roster.common.app.InterfaceSpec;
import io.roster.common.app.Revision;
import io.roster.common.model.RegistryLimits;
import io.roster.common.wire.PublishRequest;
import io.roster.common.wire.RevisionRegistration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.roster.client.testing.ClientFixture.canonical;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** publishApplication against fake sessions that, like a real one, refuse an instance whose revision they lack. */
@Timeout(30)
class ApplicationPublishTest {
    static final String ECHO = "com.example.Echo";
    static final String PAY = "com.example.Pay";
    private static final RegistryLimits LIMITS = RegistryLimits.DEFAULTS;
    private final ClientFixture fixture = new ClientFixture();

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    static ApplicationMetadata metadata(String echoTimeout) {
        return ApplicationMetadata.builder()
                .addInterface(ECHO, Map.of("timeout", echoTimeout, "v", "1"))
                .addInterface(PAY, Map.of("timeout", "500"))
                .instanceParam("weight", "50")
                .build();
    }

    static Revision revision(String app, String echoTimeout) {
        return Revision.of(app, List.of(InterfaceSpec.of(ECHO, Map.of("timeout", echoTimeout, "v", "1"), LIMITS),
                InterfaceSpec.of(PAY, Map.of("timeout", "500"), LIMITS)), LIMITS);
    }

    private static String appDatum(String app) {
        return AppIds.appDataInfoId(app, LIMITS);
    }

    @Test
    void theRevisionIsRegisteredBeforeEachInstanceIsPublishedWithItsItem() {
        FakeSession session = fixture.session();
        RosterClient client = fixture.client(fixture.builder(session.address()));

        ApplicationPublication first = client.publishApplication("shop", "10.0.0.1:12200", metadata("3000"));
        ApplicationPublication second = client.publishApplication("shop", "10.0.0.2:12200", metadata("3000"));

        Revision expected = revision("shop", "3000");
        assertThat(first.revision()).isEqualTo(expected.digest()).isEqualTo(second.revision());
        assertThat(session.requests(RevisionRegistration.class)).as("before each publish, nothing remembered per connection")
                .extracting(RevisionRegistration::revision).containsExactly(expected, expected);
        PublishRequest published = session.publishers().get(first.publication().registerId());
        assertThat(published.dataInfoId()).isEqualTo(appDatum("shop")).isEqualTo(first.publication().dataInfoId());
        assertThat(published.data()).hasSize(1);
        assertThat(AppInstance.decode(published.data().get(0)))
                .isEqualTo(new AppInstance(expected.digest(), "10.0.0.1:12200", Map.of("weight", "50")));
        assertThat(session.requests()).first().isInstanceOf(RevisionRegistration.class);
        assertThat(session.publishers()).hasSize(2);
    }

    /**
     * Publish, unpublish, the revision collected meanwhile (the grace passed), publish the same metadata again on the
     * same connection: the revision must be registered again, or the session refuses the instance as unregistered.
     */
    @Test
    void aRevisionCollectedAfterItsInstanceLeftIsRegisteredAgainForTheNextPublishOnTheSameConnection() {
        FakeSession session = fixture.session();
        RosterClient client = fixture.client(fixture.builder(session.address()));
        ApplicationPublication first = client.publishApplication("shop", "10.0.0.1:12200", metadata("3000"));
        first.unpublish();
        session.forgetRevision(first.revision());

        ApplicationPublication again = client.publishApplication("shop", "10.0.0.1:12200", metadata("3000"));

        assertThat(session.publishers()).containsOnlyKeys(again.publication().registerId());
        assertThat(session.requests(RevisionRegistration.class)).hasSize(2);
        assertThat(session.revisions()).containsKey(again.revision());
    }

    @Test
    void aRevisionMetaCannotTakeYetIsRetriedWithinTheRequestTimeout() {
        FakeSession session = fixture.session();
        RosterClient client = fixture.client(fixture.builder(session.address()));
        session.failNextRevisionRegistrations(2);

        ApplicationPublication pub = client.publishApplication("shop", "10.0.0.1:12200", metadata("3000"));

        assertThat(session.requests(RevisionRegistration.class)).hasSize(3);
        assertThat(session.publishers()).containsOnlyKeys(pub.publication().registerId());
    }

    @Test
    void aRevisionRefusedForGoodFailsThePublishAndLeavesNothingBehind() {
        FakeSession session = fixture.session();
        RosterClient client = fixture.client(fixture.builder(session.address()).requestTimeout(Duration.ofMillis(400)));
        session.failNextRevisionRegistrations(1000);

        assertThatThrownBy(() -> client.publishApplication("shop", "10.0.0.1:12200", metadata("3000")))
                .isInstanceOf(RosterRequestException.class).hasMessageContaining("revision");
        assertThat(session.requests(PublishRequest.class)).isEmpty();
    }

    @Test
    void badInputIsRefusedLocally() {
        FakeSession session = fixture.session();
        RosterClient client = fixture.client(fixture.builder(session.address()));
        assertThatThrownBy(() -> client.publishApplication("bad app", "10.0.0.1:1", metadata("1")))
                .isInstanceOf(InvalidRegistrationException.class);
        assertThatThrownBy(() -> client.publishApplication("shop", "10.0.0.1 :1", metadata("1")))
                .isInstanceOf(InvalidRegistrationException.class);
        assertThatThrownBy(() -> client.publishApplication("shop", "10.0.0.1:1", ApplicationMetadata.of()))
                .isInstanceOf(InvalidRegistrationException.class).hasMessageContaining("serves no interface");
        assertThatThrownBy(() -> client.publishApplication("shop", "10.0.0.1:1", ApplicationMetadata.of("x#@#i#@#ROSTER_APP")))
                .isInstanceOf(InvalidRegistrationException.class).hasMessageContaining("reserved");
        assertThat(session.requests()).isEmpty();
    }

    @Test
    void updateRegistersTheNewRevisionAndRepublishesTheInstanceWithIt() {
        FakeSession session = fixture.session();
        RosterClient client = fixture.client(fixture.builder(session.address()));
        ApplicationPublication pub = client.publishApplication("shop", "10.0.0.1:12200", metadata("3000"));

        pub.update(metadata("5000"));

        Revision next = revision("shop", "5000");
        assertThat(pub.revision()).isEqualTo(next.digest());
        assertThat(session.requests(RevisionRegistration.class)).extracting(RevisionRegistration::revision)
                .containsExactly(revision("shop", "3000"), next);
        PublishRequest published = session.publishers().get(pub.publication().registerId());
        assertThat(published.version()).isEqualTo(2).isEqualTo(pub.publication().version());
        assertThat(AppInstance.decode(published.data().get(0)).revision()).isEqualTo(next.digest());

        pub.unpublish();
        assertThat(session.publishers()).isEmpty();
    }

    @Test
    void aReplayRegistersTheRevisionsBeforeItReplaysThePublishes() {
        FakeSession first = fixture.session();
        FakeSession second = fixture.session();
        RosterClient client = fixture.client(fixture.builder(first.address(), second.address()));
        ApplicationPublication pub = client.publishApplication("shop", "10.0.0.1:12200", metadata("3000"));
        pub.update(metadata("5000"));
        Publication plain = client.publish("com.example.Plain", "10.0.0.1:1");

        first.close();

        await().atMost(Duration.ofSeconds(10)).until(() -> second.address().equals(client.connectedSession()));
        // the second session knew no revision: it took the instance, so the revision came first
        assertThat(second.publishers()).containsOnlyKeys(pub.publication().registerId(), plain.registerId());
        assertThat(second.publishers().get(pub.publication().registerId()).version()).isEqualTo(2);
        assertThat(second.requests(RevisionRegistration.class)).as("only the revision in use")
                .extracting(RevisionRegistration::revision).containsExactly(revision("shop", "5000"));
        List<Object> requests = second.requests();
        int registered = requests.indexOf(second.requests(RevisionRegistration.class).get(0));
        assertThat(requests.subList(0, registered)).noneMatch(r -> r instanceof PublishRequest);
        assertThat(second.publishers().get(plain.registerId()).dataInfoId()).isEqualTo(canonical("com.example.Plain"));

        pub.update(metadata("3000")); // a revision the new connection was not given yet is registered on it first
        assertThat(second.requests(RevisionRegistration.class)).hasSize(2);
        assertThat(second.publishers().get(pub.publication().registerId()).version()).isEqualTo(3);
    }

    @Test
    void aReplayedRevisionAnsweredRetryablyIsRetriedOnTheConnectionBeforeTheReplayCompletes() {
        FakeSession first = fixture.session();
        FakeSession second = fixture.session();
        RosterClient client = fixture.client(fixture.builder(first.address(), second.address()));
        ApplicationPublication pub = client.publishApplication("shop", "10.0.0.1:12200", metadata("3000"));
        second.failNextRevisionRegistrations(2);

        first.close();

        await().atMost(Duration.ofSeconds(10)).until(() -> second.address().equals(client.connectedSession()));
        assertThat(second.requests(RevisionRegistration.class)).hasSize(3);
        assertThat(second.publishers()).containsOnlyKeys(pub.publication().registerId());
    }
}
