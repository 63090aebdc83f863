package dev.hearth.store;

/**
 * A fault of the governance store: the state directory or the database could not be read or written. Unchecked;
 * callers on a request path turn it into an error response, command-line callers into a message and an exit code.
 */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
