package dev.hearth.pipeline;

import dev.hearth.audit.RequestAudit;
import dev.hearth.auth.Principal;
import java.util.concurrent.Executor;

/**
 * What the server knows about a request before its dialect decodes the body: its id, when it arrived, who it runs
 * as (authenticated at the door, before the body was read), its audit record in progress, and the event loop it
 * belongs to (for continuations that complete on other threads, such as audit commits).
 *
 * @param loop runs a task on the request's own event loop; callable from any thread
 */
public record Inbound(String requestId, long receivedNanos, Principal principal, RequestAudit audit, Executor loop) {}
