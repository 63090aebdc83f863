package dev.hearth.config;

/**
 * @param host         bind address; loopback by default so nothing is exposed by accident
 * @param port         listening port; 0 picks a free one (tests)
 * @param maxBodyBytes largest request body accepted; large enough for base64 images by default
 */
public record ServerConfig(String host, int port, long maxBodyBytes) {
    public static final int DEFAULT_PORT = 4141;
    public static final long DEFAULT_MAX_BODY_BYTES = 32L * 1024 * 1024;

    public static ServerConfig defaults() {
        return new ServerConfig("127.0.0.1", DEFAULT_PORT, DEFAULT_MAX_BODY_BYTES);
    }
}
