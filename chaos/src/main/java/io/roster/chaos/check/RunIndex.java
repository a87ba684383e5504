package io.roster.chaos.check;

import io.roster.chaos.history.History;

/** What every check looks things up in, built once per history. */
record RunIndex(History history, CheckerOptions options, Publications publications, Subscriptions subscriptions,
                Uncertainty uncertainty, Excuses excuses, Evidence evidence) {

    static RunIndex of(History history, CheckerOptions options) {
        Publications publications = Publications.of(history);
        Connections connections = Connections.of(history);
        return new RunIndex(history, options, publications, Subscriptions.of(history),
                Uncertainty.of(publications),
                Excuses.of(history, publications, connections, SessionPause.of(history), options),
                new Evidence(history, options));
    }
}
