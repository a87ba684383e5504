package io.roster.datastore.store.rocks;

/** A RocksDB read or write failed; the write that hit it was not applied. */
public class StoreIoException extends RuntimeException {
    public StoreIoException(String message, Throwable cause) {
        super(message, cause);
    }
}
