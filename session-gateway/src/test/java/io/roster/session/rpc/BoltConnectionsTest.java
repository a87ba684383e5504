package io.roster.session.rpc;

import com.alipay.remoting.Connection;
import io.netty.channel.embedded.EmbeddedChannel;
import io.roster.session.registry.ConnectionHandle;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BoltConnectionsTest {
    private final BoltConnections connections = new BoltConnections();

    @Test
    void aConnectionHasOneHandleWhichMapsBackToItWhileItIsOpen() {
        EmbeddedChannel channel = new EmbeddedChannel();
        Connection connection = new Connection(channel);
        ConnectionHandle handle = connections.handleOf(connection);

        assertThat(connections.handleOf(connection)).isSameAs(handle);
        assertThat(connections.handleOf(new Connection(new EmbeddedChannel()))).isNotSameAs(handle);
        assertThat(handle.isOpen()).isTrue();
        assertThat(connections.connectionOf(handle)).isSameAs(connection);

        channel.close();
        assertThat(handle.isOpen()).as("follows the channel before the close event is handled").isFalse();
        assertThat(connections.closed(connection)).as("the close keeps the handle").isSameAs(handle);
        assertThat(connections.connectionOf(handle)).as("nothing goes over it any more").isNull();
        assertThat(connections.handleOf(connection)).as("a late request on it").isSameAs(handle);
    }

    @Test
    void aConnectionFirstSeenClosedNeverMapsBack() {
        EmbeddedChannel channel = new EmbeddedChannel();
        Connection connection = new Connection(channel);
        channel.close();

        ConnectionHandle handle = connections.handleOf(connection);

        assertThat(handle.isOpen()).isFalse();
        assertThat(connections.connectionOf(handle)).isNull();
    }

    @Test
    void theShownClientAddressIsOneTheLeversAccept() throws Exception {
        java.net.InetAddress scoped = java.net.Inet6Address.getByAddress(null,
                java.net.InetAddress.getByName("fe80::1").getAddress(), 1);
        String shown = BoltConnections.addressOf(new java.net.InetSocketAddress(scoped, 4000));
        assertThat(shown).isEqualTo("[fe80:0:0:0:0:0:0:1]:4000");
        String ip = shown.substring(1, shown.indexOf(']'));
        assertThat(io.roster.common.lever.LeverValues.ip(ip)).isEqualTo(ip);
        assertThat(BoltConnections.addressOf(new java.net.InetSocketAddress("10.0.0.5", 80))).isEqualTo("10.0.0.5:80");
        assertThat(BoltConnections.addressOf((java.net.SocketAddress) null)).isEmpty();
    }
}
