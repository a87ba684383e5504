package io.roster.client;

import java.util.Map;

/**
 * The application and token a client presents in its hello to each session (checked when the session runs with
 * {@code security.client-auth=true}). From {@link RosterClientBuilder#credentials}, or else from the environment:
 * {@code ROSTER_APP} and {@code ROSTER_APP_TOKEN}. The token is never logged ({@link #toString()} leaves it out).
 */
record ClientCredentials(String app, String token) {
    public static final String ENV_APP = "ROSTER_APP";
    public static final String ENV_TOKEN = "ROSTER_APP_TOKEN";

    ClientCredentials {
        if (app == null || app.isBlank()) {
            throw new IllegalArgumentException("credentials: the app name is empty");
        }
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("credentials: the token of app " + app + " is empty");
        }
        app = app.trim();
        token = token.trim();
    }

    /** The credentials in {@code env}, or null when it sets no token; a token without an app is an error. */
    static ClientCredentials fromEnvironment(Map<String, String> env) {
        String token = env.get(ENV_TOKEN);
        if (token == null || token.isBlank()) {
            return null;
        }
        String app = env.get(ENV_APP);
        if (app == null || app.isBlank()) {
            throw new IllegalArgumentException(ENV_TOKEN + " is set but " + ENV_APP + " is not: a token belongs to an app");
        }
        return new ClientCredentials(app, token);
    }

    @Override
    public String toString() {
        return "ClientCredentials{" + app + "}";
    }
}
