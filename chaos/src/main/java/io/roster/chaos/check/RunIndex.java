package io.roster.chaos.check;

import io.roster.chaos.history.History;

import java.util.List;

/** What every check looks things up in, built once per history. */
record RunIndex(History history, CheckerOptions options, Publications publications, Subscriptions subscriptions,
                Uncertainty uncertainty, Excuses excuses, Evidence evidence) {

    static RunIndex of(History history, CheckerOptions options) {
        return of(history, List.of(), options);
    }

    /** @param shown items failed calls may have shown beyond their own ({@link ConvertedLists}) */
    static RunIndex of(History history, List<ItemDoubt> shown, CheckerOptions options) {
        Publications publications = Publications.of(history);
        Connections connections = Connections.of(history);
        return new RunIndex(history, options, publications, Subscriptions.of(history),
                Uncertainty.of(publications, shown, options.ghostBoundMs()),
                Excuses.of(history, publications, connections, SessionPause.of(history), options),
                new Evidence(history, options));
    }
}
