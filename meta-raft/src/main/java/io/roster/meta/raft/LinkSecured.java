package io.roster.meta.raft;

import com.alipay.sofa.jraft.option.CliOptions;
import com.alipay.sofa.jraft.option.NodeOptions;
import io.roster.common.tls.LinkSecurity;

/** jraft options that say how the bolt clients jraft opens for them are protected ({@link TlsRaftRpcFactory}). */
public interface LinkSecured {
    LinkSecurity linkSecurity();

    /** NodeOptions of a meta node whose Raft links use {@code security}. */
    static NodeOptions nodeOptions(LinkSecurity security) {
        return new SecuredNodeOptions(security);
    }

    /** CliOptions of an admin client whose links to meta use {@code security}. */
    static CliOptions cliOptions(LinkSecurity security) {
        return new SecuredCliOptions(security);
    }

    final class SecuredNodeOptions extends NodeOptions implements LinkSecured {
        private final transient LinkSecurity security;

        SecuredNodeOptions(LinkSecurity security) {
            this.security = security;
        }

        @Override
        public LinkSecurity linkSecurity() {
            return security;
        }
    }

    final class SecuredCliOptions extends CliOptions implements LinkSecured {
        private final transient LinkSecurity security;

        SecuredCliOptions(LinkSecurity security) {
            this.security = security;
        }

        @Override
        public LinkSecurity linkSecurity() {
            return security;
        }
    }
}
