package dev.hearth.testkit;

import java.net.URI;
import java.util.List;

/**
 * A real HTTP server on 127.0.0.1 and a free port that speaks one provider's documented wire protocol, streaming
 * framing included, and injects faults on demand. Scripted answers are consumed one per chat request, in order; when
 * the script is empty it answers {@link #defaultAnswer}.
 */
public interface FakeUpstream extends AutoCloseable {

    /** The base URL a Hearth backend of this protocol is configured with. */
    URI baseUrl();

    /** Queues the next answer and the fault to apply to it. */
    FakeUpstream enqueue(Answer answer, Fault fault);

    default FakeUpstream enqueue(Answer answer) {
        return enqueue(answer, Fault.NONE);
    }

    /** Every request received so far (chat, embeddings, model lists), oldest first. */
    List<RecordedRequest> requests();

    /** Chat requests whose connection the client closed before the answer ended (cancellations seen). */
    int cancelledStreams();

    Answer defaultAnswer();

    @Override
    void close();
}
