package dev.hearth.error;

/** The few kinds of refusal a client can receive; each dialect maps them to its own error shape. */
public enum ErrorKind {
    INVALID_REQUEST(400),
    AUTHENTICATION(401),
    PERMISSION(403),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    PAYLOAD_TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    CONTEXT_LENGTH_EXCEEDED(400),
    CONTENT_POLICY(400),
    RATE_LIMITED(429),
    UPSTREAM_ERROR(502),
    NO_BACKEND(503),
    UNAVAILABLE(503),
    TIMEOUT(504),
    INTERNAL(500);

    private final int httpStatus;

    ErrorKind(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
