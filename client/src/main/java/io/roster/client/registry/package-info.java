/** Implementation, not API: the client's live registrations and the per-subscription version gate. */
package io.roster.client.registry;
