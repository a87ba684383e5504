/** Implementation, not API: the one session connection, reconnecting with backoff and replaying registrations. */
package io.roster.client.session;
