package io.roster.datastore.store;

/** A data node's store, loaded from disk, with what loading found; closing it closes the files behind it. */
public final class OpenedStore implements AutoCloseable {
    private final SlotStore store;
    private final LoadReport report;
    private final AutoCloseable resources;
    private final StoreProperties properties;

    public OpenedStore(SlotStore store, LoadReport report, AutoCloseable resources) {
        this(store, report, resources, StoreProperties.NONE);
    }

    public OpenedStore(SlotStore store, LoadReport report, AutoCloseable resources, StoreProperties properties) {
        this.store = store;
        this.report = report;
        this.resources = resources;
        this.properties = properties;
    }

    /** The engine's figures (sizes, compactions), readable from any thread until and after close. */
    public StoreProperties properties() {
        return properties;
    }

    public SlotStore store() {
        return store;
    }

    public LoadReport report() {
        return report;
    }

    @Override
    public void close() throws Exception {
        resources.close();
    }
}
