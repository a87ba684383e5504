package io.roster.session;

import com.alipay.remoting.Connection;
import io.netty.channel.embedded.EmbeddedChannel;
import io.roster.common.model.ProcessId;
import io.roster.common.model.Publisher;
import io.roster.session.registry.ClientRegistry;
import io.roster.session.registry.SubscriberRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClientRegistryTest {
    private static final ProcessId SESSION = new ProcessId("s:1", 1, 1);

    private static Publisher pub(String registerId, String clientId, long version) {
        return new Publisher(registerId, "d#@#i#@#g", clientId, "app", "", List.of(new byte[]{1}), version, 1, SESSION);
    }

    @Test
    void olderVersionsNeverReplaceNewerOnes() {
        ClientRegistry r = new ClientRegistry();
        Publisher v2 = pub("r", "c", 2);
        assertThat(r.putPublisher(v2)).isSameAs(v2);
        assertThat(r.putPublisher(pub("r", "c", 1))).isSameAs(v2);
        Publisher v3 = pub("r", "c", 3);
        assertThat(r.putPublisher(v3)).isSameAs(v3);
    }

    @Test
    void onlyTheOwningClientRemovesARegistration() {
        ClientRegistry r = new ClientRegistry();
        r.putPublisher(pub("r", "c", 1));
        assertThat(r.removePublisher("r", "other")).isNull();
        assertThat(r.removePublisher("r", "c")).isNotNull();
        assertThat(r.publisherCount()).isZero();
    }

    @Test
    void detachingAConnectionDropsItsClientsRegistrationsOnly() {
        ClientRegistry r = new ClientRegistry();
        Connection c1 = new Connection(new EmbeddedChannel());
        Connection c2 = new Connection(new EmbeddedChannel());
        r.attach(c1, "one");
        r.attach(c2, "two");
        r.putPublisher(pub("p1", "one", 1));
        r.putPublisher(pub("p2", "two", 1));
        r.addSubscriber(new SubscriberRecord("s1", "d#@#i#@#g", "one", c1));
        r.addSubscriber(new SubscriberRecord("s2", "d#@#i#@#g", "two", c2));

        ClientRegistry.ClosedClients closed = r.detach(c1);

        assertThat(closed.clientIds()).containsExactly("one");
        assertThat(closed.publishers()).extracting(Publisher::registerId).containsExactly("p1");
        assertThat(r.subscribersOf("d#@#i#@#g")).extracting(SubscriberRecord::registerId).containsExactly("s2");
        assertThat(r.publishers()).extracting(Publisher::registerId).containsExactly("p2");
        assertThat(r.detach(c1).clientIds()).isEmpty();
    }
}
