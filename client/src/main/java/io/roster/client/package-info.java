/**
 * The Roster client SDK: {@link io.roster.client.RosterClient} (built with {@link io.roster.client.RosterClient#builder()}),
 * its {@link io.roster.client.Publication}s and {@link io.roster.client.Subscription}s, the
 * {@link io.roster.client.SubscriptionListener} that receives pushes, and the unchecked exceptions under
 * {@link io.roster.client.RosterException}. The sub-packages are the implementation, not API.
 */
package io.roster.client;
