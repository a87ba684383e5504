package io.roster.session.push;

import com.alipay.remoting.Connection;
import io.roster.common.wire.PushMessage;

/** Delivers one push to one client connection and says whether the client acknowledged it. */
public interface PushSender {
    boolean send(Connection connection, PushMessage message);
}
