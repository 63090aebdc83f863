package dev.hearth.e2e;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged gateway ({@code target/hearth.jar}) started as a separate process with a configuration file, the way a
 * user starts it; its port is read from the start-up summary. Output is kept and shown when a test fails.
 */
final class GatewayProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final List<String> output = new ArrayList<>();
    private final int port;

    GatewayProcess(Path config) throws Exception {
        Path jar = Path.of("target", "hearth.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("target/hearth.jar is missing: end-to-end tests run after `package`");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-jar",
                jar.toString(), "serve", "--config", config.toString())
                .redirectErrorStream(true);
        // Keys and the audit log go next to the test's configuration, never into the user's own state directory.
        builder.environment().put("HEARTH_HOME", config.toAbsolutePath().getParent().resolve("state").toString());
        process = builder.start();
        BlockingQueue<Integer> ports = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    synchronized (output) {
                        output.add(line);
                    }
                    Matcher matcher = LISTENING.matcher(line);
                    if (matcher.find()) {
                        ports.add(Integer.parseInt(matcher.group(1)));
                    }
                }
            } catch (java.io.IOException closed) {
                // the process ended
            }
        }, "gateway-output");
        reader.setDaemon(true);
        reader.start();
        Integer found = ports.poll(60, TimeUnit.SECONDS);
        if (found == null) {
            close();
            throw new IllegalStateException("gateway did not start:\n" + output());
        }
        port = found;
    }

    int port() {
        return port;
    }

    String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
