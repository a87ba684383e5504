/** Implementation, not API: the client object, its registration handles and the registrar that keeps table and session in step. */
package io.roster.client.core;
