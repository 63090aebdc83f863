package dev.hearth.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Start-up time to the first served request: spawns {@code --cmd} (words separated by spaces; {@code {port}} is
 * replaced by a free port) {@code --runs} times, and measures from just before the spawn to the first 200 answer to a
 * non-streaming POST /v1/chat/completions, polling every {@code --poll-ms} (2). Optionally waits
 * {@code --rss-after-seconds} more and reads the process tree's resident memory, then stops it with SIGTERM.
 */
final class Startup {
    private static final Pattern SELF_REPORTED = Pattern.compile("started in (\\d+) ms");
    private static volatile Process current;

    private Startup() {}

    static Map<String, Object> run(Args args) throws Exception {
        String cmd = args.required("cmd");
        int runs = args.integer("runs", 5);
        long pollMillis = args.number("poll-ms", 2);
        double rssAfter = args.decimal("rss-after-seconds", 0);
        Path logDir = Path.of(args.str("log-dir", System.getProperty("java.io.tmpdir")));
        String label = args.str("label", "startup");
        byte[] body = LoadGen.body("fake-model", false).getBytes();
        List<Map<String, Object>> results = new ArrayList<>();
        List<Double> millis = new ArrayList<>();
        List<Long> rss = new ArrayList<>();
        // Stopped from outside (SIGTERM from run.sh's cleanup): take the gateway being measured down too.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Process running = current;
            if (running != null) {
                running.destroyForcibly();
            }
        }));
        for (int run = 1; run <= runs; run++) {
            int port = Ports.one();
            List<String> command = new ArrayList<>();
            for (String word : cmd.trim().split(" +")) {
                command.add(word.replace("{port}", Integer.toString(port)));
            }
            Path log = logDir.resolve(label + "-" + run + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            long spawned = System.nanoTime();
            Process process = builder.start();
            current = process;
            Map<String, Object> one = new LinkedHashMap<>();
            try {
                int attempts = 0;
                String status = null;
                long deadline = spawned + TimeUnit.SECONDS.toNanos(60);
                while (System.nanoTime() < deadline && process.isAlive()) {
                    attempts++;
                    status = tryOnce(port, body);
                    if ("200".equals(status)) {
                        break;
                    }
                    Thread.sleep(pollMillis);
                }
                double ms = (System.nanoTime() - spawned) / 1e6;
                if (!"200".equals(status)) {
                    throw new IllegalStateException("no 200 from " + command + " (last: " + status + ", alive: "
                            + process.isAlive() + "); see " + log);
                }
                one.put("run", run);
                one.put("ms_to_first_200", ms);
                one.put("poll_attempts", attempts);
                millis.add(ms);
                if (rssAfter > 0) {
                    Thread.sleep((long) (rssAfter * 1000));
                    long kb = Proc.rssKb(List.of(process.pid()));
                    one.put("rss_kb_after_" + rssAfter + "s", kb);
                    one.put("pss_kb", Proc.pssKb(List.of(process.pid())));
                    one.put("threads", Proc.threads(List.of(process.pid())));
                    rss.add(kb);
                }
            } finally {
                process.destroy();
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
                current = null;
            }
            Matcher m = SELF_REPORTED.matcher(Files.readString(log));
            one.put("self_reported_ms", m.find() ? Long.parseLong(m.group(1)) : null);
            results.add(one);
            System.err.println(label + " " + one);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", "startup");
        out.put("label", label);
        out.put("cmd", cmd);
        out.put("runs", results);
        out.put("median_ms", median(millis));
        out.put("min_ms", millis.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN));
        out.put("max_ms", millis.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
        if (!rss.isEmpty()) {
            out.put("rss_after_seconds", rssAfter);
            out.put("median_rss_kb", median(rss.stream().map(Long::doubleValue).toList()));
        }
        return out;
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    /** One POST on a fresh connection; the status code, or a short reason when there was none. */
    private static String tryOnce(int port, byte[] body) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(10_000);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " + body.length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] head = new byte[12];
            int n = 0;
            while (n < head.length) {
                int r = in.read(head, n, head.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
            String line = new String(head, 0, n, StandardCharsets.US_ASCII);
            return line.startsWith("HTTP/1.1 ") && n >= 12 ? line.substring(9, 12) : "short answer " + Arrays.toString(
                    Arrays.copyOf(head, n));
        } catch (IOException e) {
            return e.getClass().getSimpleName();
        }
    }
}
