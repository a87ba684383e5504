package io.roster.client;

/**
 * One published application instance (see {@link RosterClient#publishApplication}): kept registered, with its
 * revision, across session failures until {@link #unpublish()} or {@link RosterClient#close()}. Thread-safe.
 */
public interface ApplicationPublication {
    String app();

    /** Where the instance is reached, as published. */
    String address();

    /** The digest of the revision the instance currently serves. */
    String revision();

    /** The publication in the application's datum that carries this instance. */
    Publication publication();

    /**
     * Serves {@code metadata} from now on (a rollout step): registers its revision if new, then republishes the
     * instance with it. Throws like {@link RosterClient#publishApplication}.
     */
    void update(ApplicationMetadata metadata);

    /** Removes the instance; see {@link Publication#unpublish()}. */
    void unpublish();
}
