/**
 * The Roster client SDK: {@link io.roster.client.RosterClient} (built with {@link io.roster.client.RosterClient#builder()}),
 * its {@link io.roster.client.Publication}s and {@link io.roster.client.Subscription}s, the
 * {@link io.roster.client.SubscriptionListener} that receives pushes, and the unchecked exceptions under
 * {@link io.roster.client.RosterException}. Its public types are the whole API. Its package-private classes answer the
 * API's calls (the client, its handles, the registrar, the input checks) and wire the sub-packages, which are
 * implementation: {@code session} (the connection), {@code registry} (the registrations and their replay) and
 * {@code push} (delivery to listeners). The sub-packages never import this package, so the dependencies run one way:
 * this package, then push, then registry, then session.
 */
package io.roster.client;
