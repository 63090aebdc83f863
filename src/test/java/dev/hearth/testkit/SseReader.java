package dev.hearth.testkit;

import java.util.ArrayList;
import java.util.List;

/** Splits an SSE body (already de-chunked by the HTTP client) into its events, in order. */
public final class SseReader {
    /** One server-sent event: its {@code event:} name (null when it had none) and its data. */
    public record Event(String name, String data) {}

    private SseReader() {}

    /** Every event with a data payload, its name included (Anthropic's streams name each event). */
    public static List<Event> events(String body) {
        List<Event> out = new ArrayList<>();
        for (String event : body.split("\n\n")) {
            String name = null;
            StringBuilder data = new StringBuilder();
            for (String line : event.split("\n")) {
                if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(data.isEmpty() ? "" : "\n").append(line.substring(6));
                }
            }
            if (!data.isEmpty()) {
                out.add(new Event(name, data.toString()));
            }
        }
        return out;
    }

    public static List<String> data(String body) {
        List<String> out = new ArrayList<>();
        for (String event : body.split("\n\n")) {
            StringBuilder data = new StringBuilder();
            for (String line : event.split("\n")) {
                if (line.startsWith("data: ")) {
                    data.append(data.isEmpty() ? "" : "\n").append(line.substring(6));
                }
            }
            if (!data.isEmpty()) {
                out.add(data.toString());
            }
        }
        return out;
    }
}
