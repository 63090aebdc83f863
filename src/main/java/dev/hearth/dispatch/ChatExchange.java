package dev.hearth.dispatch;

import dev.hearth.backend.Locality;
import dev.hearth.error.ErrorKind;
import dev.hearth.error.GatewayError;
import dev.hearth.model.ChatRequest;
import dev.hearth.model.StreamEvent;
import dev.hearth.model.Usage;
import dev.hearth.provider.UpstreamCall;
import dev.hearth.provider.UpstreamFailure;
import dev.hearth.provider.UpstreamListener;
import dev.hearth.routing.Route;
import dev.hearth.routing.RoutePlan;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * One request's way through its route plan. Confined to the request's event loop: no locks.
 *
 * <p>Rules, in order of precedence:
 * <ul>
 *   <li>Routes are tried in plan order; a route whose breaker is open is skipped, one at its concurrency limit is
 *       skipped for now and tried again after the backoff.</li>
 *   <li>A retryable failure (connection, 5xx, 429, broken stream) moves on to the next route at once; when every
 *       route has been tried, the retryable ones get another round after a backoff, up to {@code max-retries}
 *       rounds. A timeout gives its route up for this request.</li>
 *   <li>A context-length rejection moves on to the next route; a content-policy or other client error ends the
 *       exchange with the provider's reason.</li>
 *   <li>Hedging (per alias): if the first attempt shows no content within {@code hedge-after}, the next candidate
 *       starts too; the first to produce content wins and the other is cancelled at once.</li>
 *   <li>Nothing reaches the client before the attempt commits: at its first content event when streaming, at its
 *       completion otherwise. A failure before commit is invisible; after commit it ends the stream with an in-band
 *       error, never a silent truncation.</li>
 * </ul>
 *
 * <p>Two privacy invariants hold for every attempt, whatever the rules above would do: a plan marked
 * {@link RoutePlan#localOnly() local-only} never launches an attempt on a cloud backend (such a route is withheld and
 * never retried), and every attempt goes through the request's {@link EgressGuard}, which decides what it sends and
 * what its answer passes through.
 */
final class ChatExchange {
    private final Dispatcher dispatcher;
    private final String requestId;
    private final ChatRequest request;
    private final RoutePlan plan;
    private final EgressGuard guard;
    private final ClientSink sink;
    private final long receivedNanos;

    private final Deque<Route> pending;
    private final List<Route> retryable = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private int round;
    private int attemptCount;
    private long waitedNanos;
    private UpstreamFailure lastFailure;
    /** Attempts in flight: one, or two while a hedge races the slow first one. */
    private final List<Attempt> running = new ArrayList<>();
    /** The attempt whose answer the client gets, chosen at the first content; null until then. */
    private Attempt winner;
    private boolean committed;
    private boolean finished;

    ChatExchange(Dispatcher dispatcher, String requestId, ChatRequest request, RoutePlan plan, EgressGuard guard,
            ClientSink sink, long receivedNanos) {
        this.dispatcher = dispatcher;
        this.requestId = requestId;
        this.request = request;
        this.plan = plan;
        this.guard = guard;
        this.sink = sink;
        this.receivedNanos = receivedNanos;
        this.pending = new ArrayDeque<>(plan.routes());
    }

    void start() {
        sink.onClientGone(this::clientGone);
        if (!finished) {
            nextAttempt();
        }
    }

    private void nextAttempt() {
        while (!pending.isEmpty()) {
            Route route = pending.poll();
            if (plan.localOnly() && route.backend().locality() != Locality.LOCAL) {
                // Defence in depth: the planner already withheld cloud routes; no later strategy may bring one back.
                note(route.ref() + " withheld (local-only)");
                dispatcher.listener().skipped(route, "local_only");
                continue;
            }
            int capacity = route.backend().config().maxConcurrency();
            if (capacity > 0 && route.backend().inFlight().get() >= capacity) {
                // Full: spill to the next candidate now, and come back after the backoff (a brief queue).
                note(route.ref() + " at capacity");
                dispatcher.listener().skipped(route, "at_capacity");
                retryable.add(route);
                continue;
            }
            if (!route.backend().health().tryAcquire()) {
                note(route.ref() + " circuit open");
                dispatcher.listener().skipped(route, "circuit_open");
                continue;
            }
            launch(route);
            return;
        }
        if (!running.isEmpty()) {
            return; // a hedge found nothing to start: the running attempt carries on alone
        }
        if (round < dispatcher.failover().maxRetries() && !retryable.isEmpty()) {
            round++;
            Duration delay = dispatcher.backoff().delay(round, lastFailure == null ? null : lastFailure.retryAfter());
            pending.addAll(retryable);
            retryable.clear();
            long before = dispatcher.scheduler().nanoTime();
            dispatcher.scheduler().after(delay, () -> {
                waitedNanos += dispatcher.scheduler().nanoTime() - before;
                if (!finished) {
                    nextAttempt();
                }
            });
            return;
        }
        giveUp();
    }

    /** Only ever called from {@link #nextAttempt}, after the local-only check ({@link #tryContinue} has its own). */
    private void launch(Route route) {
        start(route, request, null);
        armHedge();
    }

    private Attempt start(Route route, ChatRequest toSend, Continuation continuation) {
        attemptCount++;
        Attempt attempt = new Attempt(route, attemptCount, continuation);
        running.add(attempt);
        route.backend().inFlight().incrementAndGet();
        dispatcher.listener().attemptStarted(route, attemptCount);
        sink.attempting(route, attemptCount);
        EgressGuard.Egress egress = guard.egress(route, toSend);
        attempt.call = dispatcher.adapterFor(route.backend()).streamChat(egress.request(), route.model(),
                egress.answer().apply(attempt));
        attempt.armTimers();
        return attempt;
    }

    /**
     * After a committed stream broke: go on on the next candidate if the alias allows it and the answer so far is
     * plain text. True when a continuation started.
     */
    private boolean tryContinue(Attempt broken) {
        if (plan.alias() == null || !plan.alias().continuation() || broken.continuation != null
                || broken.sawToolCall || broken.generated.isEmpty()) {
            return false;
        }
        while (!pending.isEmpty()) {
            Route next = pending.poll();
            if (plan.localOnly() && next.backend().locality() != Locality.LOCAL) {
                note(next.ref() + " withheld: local-only");
                continue; // the same invariant as every other attempt: a local-only request never leaves the machine
            }
            if (!next.backend().health().tryAcquire()) {
                note(next.ref() + " circuit open");
                continue;
            }
            Continuation continuation = Continuation.on(next, broken.generated.toString());
            note(broken.route.ref() + " broke after content; continued on " + next.ref()
                    + (continuation.prefill() ? " (prefill)" : " (regenerate and skip what was sent)"));
            sink.stopRelaying();
            winner = start(next, continuation.request(request), continuation);
            return true;
        }
        return false;
    }

    private void armHedge() {
        Duration hedgeAfter = plan.alias() == null ? null : plan.alias().hedgeAfter();
        if (hedgeAfter == null || running.size() != 1 || winner != null || pending.isEmpty()) {
            return;
        }
        Attempt first = running.getFirst();
        dispatcher.scheduler().after(hedgeAfter, () -> {
            if (!finished && winner == null && running.size() == 1 && running.getFirst() == first
                    && !pending.isEmpty()) {
                note(first.route.ref() + " no first token in " + hedgeAfter.toMillis() + " ms, hedged");
                nextAttempt();
            }
        });
    }

    /** The first attempt to show content wins; any other running attempt is cancelled at once. */
    private void chooseWinner(Attempt attempt) {
        if (winner != null) {
            return;
        }
        winner = attempt;
        for (Attempt other : List.copyOf(running)) {
            if (other != attempt) {
                note(other.route.ref() + " lost the hedge");
                abandon(other, "hedge_lost");
            }
        }
    }

    /** Stops an attempt that has not ended: the upstream call is cancelled and nothing about health is learned. */
    private void abandon(Attempt attempt, String why) {
        attempt.cancelTimers();
        attempt.ended = true;
        running.remove(attempt);
        attempt.route.backend().inFlight().decrementAndGet();
        attempt.route.backend().health().release();
        if (attempt.call != null) {
            attempt.call.cancel();
        }
        dispatcher.listener().attemptCancelled(attempt.route, why,
                dispatcher.scheduler().nanoTime() - attempt.startedNanos);
    }

    private void commit(Attempt attempt) {
        committed = true;
        String reason = notes.isEmpty() ? plan.reason() : plan.reason() + "; failover: " + String.join(", ", notes);
        long overhead = attempt.startedNanos - receivedNanos - waitedNanos;
        guard.committing(attempt.route, sink);
        sink.begin(new Served(requestId, attempt.route, attempt.number, reason, Math.max(0, overhead), reference()));
        for (StreamEvent held : attempt.held) {
            sink.event(held);
        }
        attempt.held.clear();
    }

    private void succeeded(Attempt attempt) {
        if (!committed) {
            commit(attempt);
        }
        finished = true;
        // A continued answer spans two upstreams, neither of which saw all of it: count it whole, as an estimate.
        Usage usage = attempt.usage != null && attempt.continuation == null ? attempt.usage : estimateUsage(attempt);
        sink.complete(usage);
        long now = dispatcher.scheduler().nanoTime();
        dispatcher.listener().attemptEnded(attempt.route, null, now - attempt.startedNanos);
        dispatcher.listener().exchangeEnded(served(attempt), usage, request.stream(), "ok", now - receivedNanos,
                attempt.firstEventNanos);
    }

    private void failed(Attempt attempt, UpstreamFailure failure) {
        running.remove(attempt);
        if (winner == attempt && !committed) {
            winner = null; // a non-streaming answer that broke before completion: the next attempt may win
        }
        lastFailure = failure;
        long now = dispatcher.scheduler().nanoTime();
        dispatcher.listener().attemptEnded(attempt.route, failure, now - attempt.startedNanos);
        if (committed) {
            if (tryContinue(attempt)) {
                return;
            }
            finished = true;
            sink.fail(new GatewayError(ErrorKind.UPSTREAM_ERROR,
                    "The upstream " + attempt.route.ref() + " failed after the answer had started ("
                            + failure.kind().name().toLowerCase() + "); the answer is incomplete.",
                    "stream_interrupted", null, null));
            dispatcher.listener().exchangeEnded(served(attempt), null, request.stream(), "interrupted",
                    now - receivedNanos, attempt.firstEventNanos);
            return;
        }
        note(attempt.route.ref() + " " + describe(failure));
        switch (failure.kind()) {
            case CONTENT_POLICY, BAD_REQUEST -> {
                end(toClientError(failure));
                return;
            }
            case CONTEXT_LENGTH -> dropSmallerContexts(attempt.route);
            default -> {
                if (failure.retryableOnSameRoute() && !dispatcher.backoff().tooLong(failure.retryAfter())) {
                    retryable.add(attempt.route);
                }
            }
        }
        if (running.isEmpty()) {
            nextAttempt(); // otherwise a hedge is still running and may yet answer
        }
    }

    /** After a context-length rejection only a candidate with a larger (or unknown) window is worth trying. */
    private void dropSmallerContexts(Route failed) {
        Integer window = failed.info().contextWindow();
        if (window == null) {
            return;
        }
        pending.removeIf(route -> {
            Integer other = route.info().contextWindow();
            boolean smaller = other != null && other <= window;
            if (smaller) {
                note(route.ref() + " context not larger");
            }
            return smaller;
        });
    }

    private void giveUp() {
        if (plan.localOnly() && plan.routes().stream().noneMatch(r -> r.backend().locality() == Locality.LOCAL)) {
            end(new GatewayError(ErrorKind.PERMISSION,
                    "Privacy policy keeps this request on local backends, and the plan for '" + plan.requested()
                            + "' has none: " + String.join(", ", notes) + ".",
                    "privacy_local_only", null, null));
            return;
        }
        if (lastFailure == null) {
            end(new GatewayError(ErrorKind.NO_BACKEND,
                    "No backend can serve '" + plan.requested() + "' right now: " + String.join(", ", notes) + ".",
                    "no_backend_available", null, null));
            return;
        }
        end(toClientError(lastFailure));
    }

    private void end(GatewayError error) {
        finished = true;
        List.copyOf(running).forEach(other -> abandon(other, "request_ended"));
        sink.fail(error);
        dispatcher.listener().exchangeEnded(null, null, request.stream(), "error",
                dispatcher.scheduler().nanoTime() - receivedNanos, 0);
    }

    private GatewayError toClientError(UpstreamFailure failure) {
        String where = plan.routes().size() > 1 ? "All backends for '" + plan.requested() + "' failed; last: " : "";
        String detail = failure.message() == null ? failure.kind().name().toLowerCase() : failure.message();
        ErrorKind kind = switch (failure.kind()) {
            case CONTEXT_LENGTH -> ErrorKind.CONTEXT_LENGTH_EXCEEDED;
            case CONTENT_POLICY -> ErrorKind.CONTENT_POLICY;
            case BAD_REQUEST -> ErrorKind.INVALID_REQUEST;
            case RATE_LIMITED -> ErrorKind.RATE_LIMITED;
            case TIMEOUT -> ErrorKind.TIMEOUT;
            case CONNECTION -> ErrorKind.UNAVAILABLE;
            case SERVER_ERROR, PROTOCOL, BACKEND_REJECTED -> ErrorKind.UPSTREAM_ERROR;
        };
        String code = switch (failure.kind()) {
            case CONTEXT_LENGTH -> "context_length_exceeded";
            case CONTENT_POLICY -> "content_policy_violation";
            default -> failure.code();
        };
        return new GatewayError(kind, where + detail, code, null, failure.retryAfter());
    }

    private Usage estimateUsage(Attempt attempt) {
        int prompt = dispatcher.tokens().countPrompt(request);
        int completion = dispatcher.tokens().count(attempt.generated.toString());
        return new Usage(prompt, completion, true);
    }

    private void clientGone() {
        if (finished) {
            return;
        }
        finished = true;
        Attempt last = winner != null ? winner : running.isEmpty() ? null : running.getFirst();
        List.copyOf(running).forEach(attempt -> abandon(attempt, "client_gone"));
        dispatcher.listener().exchangeEnded(last == null ? null : served(last), null, request.stream(),
                "client_gone", dispatcher.scheduler().nanoTime() - receivedNanos, 0);
    }

    private Served served(Attempt attempt) {
        return new Served(requestId, attempt.route, attempt.number, plan.reason(), 0, reference());
    }

    private Route reference() {
        Route priciest = null;
        for (Route route : plan.routes()) {
            Double price = route.info().outputPerMillion();
            if (price != null && (priciest == null || price > priciest.info().outputPerMillion())) {
                priciest = route;
            }
        }
        return priciest;
    }

    private void note(String text) {
        notes.add(text);
    }

    private static String describe(UpstreamFailure failure) {
        return switch (failure.kind()) {
            case CONNECTION -> "unreachable";
            case TIMEOUT -> "timed out";
            case RATE_LIMITED -> "rate limited (429)";
            case SERVER_ERROR -> "server error (" + failure.status() + ")";
            case PROTOCOL -> "broken stream";
            case CONTEXT_LENGTH -> "context too long";
            case BACKEND_REJECTED -> "rejected (" + failure.status() + ")";
            case CONTENT_POLICY, BAD_REQUEST -> "refused (" + failure.status() + ")";
        };
    }

    /** One try on one route; events from an attempt that has ended, lost a hedge or been cancelled are ignored. */
    private final class Attempt implements UpstreamListener {
        final Route route;
        final int number;
        final long startedNanos = dispatcher.scheduler().nanoTime();
        final List<StreamEvent> held = new ArrayList<>();
        final StringBuilder generated = new StringBuilder();
        UpstreamCall call;
        Usage usage;
        boolean dispatched;
        long dispatchedNanos;
        long firstEventNanos;
        long lastEventNanos;
        boolean ended;
        Scheduler.Cancellable firstEventTimer;
        Scheduler.Cancellable idleTimer;
        Scheduler.Cancellable totalTimer;

        final Continuation continuation;
        boolean sawToolCall;

        Attempt(Route route, int number, Continuation continuation) {
            this.route = route;
            this.number = number;
            this.continuation = continuation;
            if (continuation != null) {
                generated.append(continuation.carried());
            }
        }

        void armTimers() {
            if (ended) {
                return;
            }
            var failover = dispatcher.failover();
            totalTimer = dispatcher.scheduler().after(failover.timeout(),
                    () -> timeout("no complete answer within " + failover.timeout().toMillis() + " ms"));
        }

        private boolean live() {
            return !ended && !finished && running.contains(this) && (winner == null || winner == this);
        }

        /** The first-token clock starts once the request is on its way, not while it waits for a connection. */
        @Override
        public void onDispatched() {
            if (!live() || dispatched) {
                return;
            }
            dispatched = true;
            dispatchedNanos = dispatcher.scheduler().nanoTime();
            var failover = dispatcher.failover();
            firstEventTimer = dispatcher.scheduler().after(failover.firstTokenTimeout(),
                    () -> timeout("no first token within " + failover.firstTokenTimeout().toMillis() + " ms"));
        }

        @Override
        public void onEvent(StreamEvent event) {
            if (!live()) {
                return;
            }
            if (firstEventNanos == 0) {
                long from = dispatched ? dispatchedNanos : startedNanos;
                firstEventNanos = dispatcher.scheduler().nanoTime() - from;
                dispatcher.listener().firstEvent(route, firstEventNanos);
                route.backend().latency().record(firstEventNanos);
                cancel(firstEventTimer);
            }
            lastEventNanos = dispatcher.scheduler().nanoTime();
            if (idleTimer == null) {
                armIdleTimer(dispatcher.failover().idleTimeout());
            }
            track(event);
            if (event.isContent()) {
                chooseWinner(this);
            }
            if (event instanceof StreamEvent.UsageReport report) {
                usage = report.usage();
                return; // usage goes out once, with completion
            }
            if (committed) {
                if (continuation != null) {
                    forwardContinued(event);
                    return;
                }
                sink.event(event);
                applyBackpressure();
                return;
            }
            held.add(event);
            if (request.stream() && event.isContent()) {
                commit(this);
                applyBackpressure();
            }
        }

        private void forwardContinued(StreamEvent event) {
            List<StreamEvent> visible = continuation.filter(event);
            if (visible == null) {
                call.cancel();
                onFailure(UpstreamFailure.of(UpstreamFailure.Kind.PROTOCOL,
                        "the continuation on " + route.ref() + " diverged from the text already sent"));
                return;
            }
            visible.forEach(sink::event);
            applyBackpressure();
        }

        private void track(StreamEvent event) {
            switch (event) {
                case StreamEvent.TextDelta d -> generated.append(d.text());
                case StreamEvent.ToolCallDelta d -> {
                    sawToolCall = true;
                    if (d.argumentsDelta() != null) {
                        generated.append(d.argumentsDelta());
                    }
                }
                default -> { }
            }
        }

        private void applyBackpressure() {
            if (sink.writeQueueFull()) {
                call.pause();
                sink.onDrain(() -> {
                    if (live()) {
                        call.resume();
                    }
                });
            }
        }

        @Override
        public void onComplete() {
            if (!live()) {
                return;
            }
            chooseWinner(this);
            ended = true;
            running.remove(this);
            cancelTimers();
            route.backend().inFlight().decrementAndGet();
            route.backend().health().success(dispatcher.scheduler().nanoTime() - startedNanos);
            succeeded(this);
        }

        @Override
        public void onFailure(UpstreamFailure failure) {
            if (!live()) {
                return;
            }
            ended = true;
            cancelTimers();
            route.backend().inFlight().decrementAndGet();
            long took = dispatcher.scheduler().nanoTime() - startedNanos;
            // A total timeout that struck while the request still waited for a pooled connection is local queueing.
            boolean queuedOnly = failure.kind() == UpstreamFailure.Kind.TIMEOUT && !dispatched;
            if (failure.countsAgainstBackend() && !queuedOnly) {
                route.backend().health().failure(took);
            } else {
                route.backend().health().success(took);
            }
            failed(this, failure);
        }

        private void timeout(String why) {
            if (!live()) {
                return;
            }
            call.cancel();
            onFailure(UpstreamFailure.of(UpstreamFailure.Kind.TIMEOUT, route.ref() + ": " + why));
        }

        /** One timer per attempt, re-armed for the remainder instead of being reset on every chunk. */
        private void armIdleTimer(Duration wait) {
            idleTimer = dispatcher.scheduler().after(wait, () -> {
                Duration idle = dispatcher.failover().idleTimeout();
                long silent = dispatcher.scheduler().nanoTime() - lastEventNanos;
                if (silent >= idle.toNanos()) {
                    timeout("stream idle for more than " + idle.toMillis() + " ms");
                } else if (live()) {
                    armIdleTimer(Duration.ofNanos(idle.toNanos() - silent));
                }
            });
        }

        void cancelTimers() {
            cancel(firstEventTimer);
            cancel(idleTimer);
            cancel(totalTimer);
        }

        private void cancel(Scheduler.Cancellable timer) {
            if (timer != null) {
                timer.cancel();
            }
        }
    }
}
