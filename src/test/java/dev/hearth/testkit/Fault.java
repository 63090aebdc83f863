package dev.hearth.testkit;

import java.time.Duration;
import java.util.Map;

/** What a fake upstream does wrong for one request (OkHttp's MockWebServer style: faults as values). */
public sealed interface Fault {
    /** Answer properly. */
    record None() implements Fault {}

    /** Answer with this status, protocol-shaped error body (message/code), and headers (e.g. Retry-After). */
    record Status(int status, String code, String message, Map<String, String> headers) implements Fault {}

    /** Accept the connection, then close it without answering. */
    record CloseBeforeResponse() implements Fault {}

    /** Send the first {@code chunks} stream chunks, then close the connection abruptly. */
    record CloseAfterChunks(int chunks) implements Fault {}

    /** Send nothing for {@code stall}, then answer normally (if the client is still there). */
    record StallBeforeFirstByte(Duration stall) implements Fault {}

    /** Send the first {@code chunks} chunks, then go silent for {@code stall}. */
    record StallAfterChunks(int chunks, Duration stall) implements Fault {}

    /** Send the first {@code chunks} chunks, then bytes that are not the protocol. */
    record GarbageAfterChunks(int chunks) implements Fault {}

    /** Send everything except the protocol's end marker ([DONE], message_stop, done:true), then end the body. */
    record EndWithoutEndMarker() implements Fault {}

    /** Send an in-stream error event after {@code chunks} chunks (protocol's own error framing). */
    record ErrorEventAfterChunks(int chunks, String message) implements Fault {}

    None NONE = new None();

    static Fault status(int status, String message) {
        return new Status(status, null, message, Map.of());
    }
}
