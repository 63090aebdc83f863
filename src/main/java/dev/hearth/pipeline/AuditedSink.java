package dev.hearth.pipeline;

import dev.hearth.audit.AuditEvent;
import dev.hearth.audit.AuditLog;
import dev.hearth.audit.RequestAudit;
import dev.hearth.dispatch.ClientSink;
import dev.hearth.dispatch.Served;
import dev.hearth.error.ErrorKind;
import dev.hearth.error.GatewayError;
import dev.hearth.limits.RateLimitState;
import dev.hearth.limits.Ticket;
import dev.hearth.model.StreamEvent;
import dev.hearth.model.Usage;
import dev.hearth.routing.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account stage's hold on the client: a {@link ClientSink} in front of the dialect's own sink that fills the
 * request's audit record and keeps the final write back until that record is durable. A stream's content flows
 * through at once, but its end (final usage chunk and terminator) waits for the commit; a non-streaming answer is
 * handed to the dialect as a whole only after the commit; a refusal is sent after its record is committed too. So
 * no client ever holds a complete answer whose audit record could still be lost. If the record cannot be written,
 * the answer is withheld: a 500 {@code audit_unavailable} instead of a non-streaming answer, an in-band error
 * instead of a stream's terminator.
 *
 * <p>Threading: dispatch calls it on the request's event loop; the commit completes on the store's writer thread and
 * hops back through {@link Inbound#loop()}.
 */
final class AuditedSink implements ClientSink {
    private static final Logger LOG = LoggerFactory.getLogger(AuditedSink.class);

    private final ClientSink client;
    private final Inbound inbound;
    private final AuditLog log;
    private final boolean stream;
    private final ToIntFunction<String> tokenCounter;
    private final List<StreamEvent> held = new ArrayList<>();
    private Served served;
    private Route attempted;
    private Ticket ticket;
    private StringBuilder delivered;
    private boolean begun;
    private boolean gone;

    /** @param tokenCounter counts the tokens of answer text delivered before an answer broke off (for settling) */
    AuditedSink(ClientSink client, Inbound inbound, AuditLog log, boolean stream, ToIntFunction<String> tokenCounter) {
        this.client = client;
        this.inbound = inbound;
        this.log = log;
        this.stream = stream;
        this.tokenCounter = tokenCounter;
    }

    /** The admit stage's reservation, settled here when the request ends however it ends. */
    void admitted(Ticket admittedTicket) {
        this.ticket = admittedTicket;
        if (ticket.metered()) {
            delivered = new StringBuilder();
        }
        client.rateLimits(ticket.state());
    }

    @Override
    public void attempting(Route route, int attempt) {
        attempted = route;
        inbound.audit().attempt(route.backend().name(), route.model(), attempt);
        client.attempting(route, attempt);
    }

    @Override
    public void begin(Served served) {
        inbound.audit().served(served.route().backend().name(), served.route().model(), served.attempt(),
                served.reason());
        this.served = served;
        if (stream) {
            begun = true;
            client.begin(served);
        }
    }

    @Override
    public void event(StreamEvent event) {
        if (delivered != null) {
            switch (event) {
                case StreamEvent.TextDelta text -> delivered.append(text.text());
                case StreamEvent.ReasoningDelta reasoning -> delivered.append(reasoning.text());
                case StreamEvent.ToolCallDelta call -> delivered.append(call.name() == null ? "" : call.name())
                        .append(call.argumentsDelta() == null ? "" : call.argumentsDelta());
                default -> { }
            }
        }
        if (stream) {
            client.event(event);
        } else {
            held.add(event); // the dialect gets the whole answer after the commit
        }
    }

    @Override
    public void complete(Usage usage) {
        RequestAudit audit = inbound.audit();
        audit.usage(usage.promptTokens(), usage.completionTokens(), usage.estimated());
        settle(served == null ? attempted : served.route(), usage.promptTokens(), usage.completionTokens());
        record(audit.finish(200, "ok", System.nanoTime(), System.currentTimeMillis()), () -> {
            if (!begun) {
                begun = true;
                client.begin(served);
                held.forEach(client::event);
                held.clear();
            }
            client.complete(usage);
        }, () -> client.fail(withheld()));
    }

    @Override
    public void fail(GatewayError error) {
        RequestAudit audit = inbound.audit();
        if (audit.recorded()) {
            client.fail(error); // the answer was withheld after a failed audit write: nothing more to record
            return;
        }
        audit.error(error.code());
        settleBroken();
        int status = begun ? 200 : error.httpStatus();
        String outcome = begun ? "interrupted" : RequestAudit.outcomeOf(status);
        record(audit.finish(status, outcome, System.nanoTime(), System.currentTimeMillis()), () -> client.fail(error),
                () -> client.fail(error));
    }

    @Override
    public boolean writeQueueFull() {
        return client.writeQueueFull();
    }

    @Override
    public void onDrain(Runnable resume) {
        client.onDrain(resume);
    }

    @Override
    public void stopRelaying() {
        client.stopRelaying();
    }

    @Override
    public void privacy(String dataClasses, String action) {
        inbound.audit().privacy(dataClasses, action);
        client.privacy(dataClasses, action);
    }

    @Override
    public void onClientGone(Runnable cancel) {
        client.onClientGone(() -> {
            gone = true;
            if (!inbound.audit().recorded()) {
                settleGone();
                log.append(inbound.audit().finish(0, "client_gone", System.nanoTime(), System.currentTimeMillis()))
                        .whenComplete((record, failed) -> {
                            if (failed != null) {
                                logFailure(failed);
                            }
                        });
            }
            cancel.run();
        });
    }

    @Override
    public void rateLimits(RateLimitState state) {
        client.rateLimits(state);
    }

    /** An answer that ended in an error: what reached the client is charged, a request never answered is released. */
    private void settleBroken() {
        if (begun || (served != null && !stream)) {
            settle(served.route(), promptTokens(), deliveredTokens());
        } else {
            settle(null, 0, 0);
        }
    }

    /** The client left: the prompt was sent to the route being tried, and the answer so far was produced. */
    private void settleGone() {
        Route route = served != null ? served.route() : attempted;
        settle(route, route == null ? 0 : promptTokens(), deliveredTokens());
    }

    private void settle(Route route, long prompt, long completion) {
        if (ticket == null) {
            return; // refused before admission: nothing was reserved
        }
        ticket.settle(route, prompt, completion).ifPresent(inbound.audit()::cost);
    }

    private int promptTokens() {
        return ticket == null ? 0 : ticket.promptTokens();
    }

    private int deliveredTokens() {
        return delivered == null || delivered.isEmpty() ? 0 : tokenCounter.applyAsInt(delivered.toString());
    }

    private void record(AuditEvent event, Runnable afterCommit, Runnable ifLost) {
        log.append(event).whenComplete((record, failed) -> inbound.loop().execute(() -> {
            if (gone) {
                return;
            }
            if (failed != null) {
                logFailure(failed);
                ifLost.run();
            } else {
                afterCommit.run();
            }
        }));
    }

    private GatewayError withheld() {
        return new GatewayError(ErrorKind.INTERNAL, "The answer could not be recorded in the audit log, so it is"
                + " withheld (request id " + inbound.requestId() + "); the gateway log has details.",
                "audit_unavailable", null, null);
    }

    private void logFailure(Throwable failed) {
        LOG.error("audit record of request {} could not be written: {}", inbound.requestId(), failed.toString());
    }
}
