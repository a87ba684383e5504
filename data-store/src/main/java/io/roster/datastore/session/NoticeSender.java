package io.roster.datastore.session;

import com.alipay.remoting.Connection;
import io.roster.common.wire.DataChangeNotice;

/** Sends one change notice over one session connection (in production: the bolt server's oneway). */
@FunctionalInterface
public interface NoticeSender {
    void send(Connection connection, DataChangeNotice notice) throws Exception;
}
