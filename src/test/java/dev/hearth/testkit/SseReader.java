package dev.hearth.testkit;

import java.util.ArrayList;
import java.util.List;

/** Splits an SSE body (already de-chunked by the HTTP client) into its data payloads, in order. */
public final class SseReader {
    private SseReader() {}

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
