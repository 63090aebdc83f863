package dev.hearth.provider;

/** Control over one in-flight upstream request. All methods are idempotent and safe after the call ended. */
public interface UpstreamCall {
    /** Stop reading from the upstream (the client is slow). */
    void pause();

    void resume();

    /** Abort the upstream request at once; no listener call follows. */
    void cancel();
}
