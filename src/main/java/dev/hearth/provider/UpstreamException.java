package dev.hearth.provider;

/** Carries an {@link UpstreamFailure} through a failed future. */
public class UpstreamException extends RuntimeException {
    private final transient UpstreamFailure failure;

    public UpstreamException(UpstreamFailure failure) {
        super(failure.toString(), null, false, false);
        this.failure = failure;
    }

    public UpstreamFailure failure() {
        return failure;
    }
}
