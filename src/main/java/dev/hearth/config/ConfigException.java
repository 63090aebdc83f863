package dev.hearth.config;

/**
 * The configuration cannot be used: the file is missing or unreadable, is not well-formed YAML, or holds
 * an unknown key, a value of the wrong type or a value out of range.
 *
 * <p>The message is meant for the operator and reads {@code file:line: path: what is wrong}, for example
 * {@code hearth.yaml:7: failover.timeout: expected a duration like "30s", got "soon"}. It never contains a
 * value taken from the environment nor an API key: those are shown by their {@code ${VAR}} reference only.
 * Start-up stops on the first problem found.
 */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
