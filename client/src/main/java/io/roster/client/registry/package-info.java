/**
 * Implementation, not API: the client's live registrations, the per-subscription version gate, and their replay on
 * every new session connection.
 */
package io.roster.client.registry;
