package dev.hearth.privacy.guard;

import dev.hearth.model.StreamEvent;
import dev.hearth.provider.UpstreamFailure;
import dev.hearth.provider.UpstreamListener;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stands between a masked (cloud) attempt and dispatch: every event the attempt produces passes through here, so the
 * client never sees a placeholder and the originals never need to be known upstream. Text, reasoning and each tool
 * call's arguments are restored as separate streams ({@link Restorer}); what a stream holds back is released when the
 * next event belongs to another stream, before a finish, and before the attempt completes or fails. Upstream wire
 * frames are dropped, which turns off the same-dialect byte relay for this attempt: the relayed bytes would carry
 * placeholders.
 *
 * <p>Threading: called on the attempt's event loop only, like any {@link UpstreamListener}.
 */
public final class RestoringListener implements UpstreamListener {
    private enum Stream { TEXT, REASONING, TOOL }

    private record Channel(Stream stream, int choice, int index) {}

    private final UpstreamListener delegate;
    private final Placeholders placeholders;
    private final boolean jsonAnswer;
    private final Map<Channel, Restorer> restorers = new LinkedHashMap<>();
    private Channel current;

    /** @param jsonAnswer the client asked for a JSON response format: answer text is JSON, originals are escaped */
    public RestoringListener(UpstreamListener delegate, Placeholders placeholders, boolean jsonAnswer) {
        this.delegate = delegate;
        this.placeholders = placeholders;
        this.jsonAnswer = jsonAnswer;
    }

    @Override
    public void onDispatched() {
        delegate.onDispatched();
    }

    @Override
    public void onEvent(StreamEvent event) {
        switch (event) {
            case StreamEvent.TextDelta d -> {
                String out = push(new Channel(Stream.TEXT, d.choice(), 0), d.text());
                if (!out.isEmpty()) {
                    delegate.onEvent(new StreamEvent.TextDelta(d.choice(), out));
                }
            }
            case StreamEvent.ReasoningDelta d -> {
                String out = push(new Channel(Stream.REASONING, d.choice(), 0), d.text());
                if (!out.isEmpty()) {
                    delegate.onEvent(new StreamEvent.ReasoningDelta(d.choice(), out));
                }
            }
            case StreamEvent.ToolCallDelta d -> {
                String in = d.argumentsDelta() == null ? "" : d.argumentsDelta();
                String out = push(new Channel(Stream.TOOL, d.choice(), d.index()), in);
                if (!out.isEmpty() || d.id() != null || d.name() != null) {
                    delegate.onEvent(new StreamEvent.ToolCallDelta(d.choice(), d.index(), d.id(), d.name(),
                            out.isEmpty() && d.argumentsDelta() == null ? null : out));
                }
            }
            case StreamEvent.Finish f -> {
                flushAll();
                delegate.onEvent(f);
            }
            case StreamEvent.WireFrame ignored -> { }
            case StreamEvent.UsageReport u -> delegate.onEvent(u);
        }
    }

    @Override
    public void onComplete() {
        flushAll();
        delegate.onComplete();
    }

    @Override
    public void onFailure(UpstreamFailure failure) {
        flushAll();
        delegate.onFailure(failure);
    }

    private String push(Channel channel, String text) {
        if (current != null && !current.equals(channel)) {
            flush(current);
        }
        current = channel;
        Restorer restorer = restorers.computeIfAbsent(channel,
                c -> new Restorer(placeholders, c.stream() == Stream.TOOL || (c.stream() == Stream.TEXT && jsonAnswer)));
        return restorer.push(text);
    }

    private void flushAll() {
        for (Channel channel : restorers.keySet()) {
            flush(channel);
        }
        current = null;
    }

    private void flush(Channel channel) {
        Restorer restorer = restorers.get(channel);
        if (restorer == null || !restorer.holding()) {
            return;
        }
        String held = restorer.flush();
        delegate.onEvent(switch (channel.stream()) {
            case TEXT -> new StreamEvent.TextDelta(channel.choice(), held);
            case REASONING -> new StreamEvent.ReasoningDelta(channel.choice(), held);
            case TOOL -> new StreamEvent.ToolCallDelta(channel.choice(), channel.index(), null, null, held);
        });
    }
}
