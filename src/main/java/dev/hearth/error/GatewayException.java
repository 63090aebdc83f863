package dev.hearth.error;

/** Carries a {@link GatewayError} out of code that cannot return one (decoders, validators). */
public class GatewayException extends RuntimeException {
    private final transient GatewayError error;

    public GatewayException(GatewayError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public GatewayError error() {
        return error;
    }
}
