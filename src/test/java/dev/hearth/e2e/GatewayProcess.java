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

    /** The admin key a first start prints once, read from the output (the summary may still be arriving). */
    String adminKey() throws InterruptedException {
        Pattern pattern = Pattern.compile("(hrth_[A-Za-z0-9_-]{20,})");
        for (int i = 0; i < 100; i++) {
            Matcher key = pattern.matcher(output());
            if (key.find()) {
                return key.group(1);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no admin key in the start-up summary:\n" + output());
    }

    /** Runs {@code hearth ARGS...} from the packaged jar (a command, not a server) and returns exit code and output. */
    static Result command(Path config, String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-jar",
                Path.of("target", "hearth.jar").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--config", config.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("hearth " + String.join(" ", args) + " did not finish:\n" + out);
        }
        return new Result(process.exitValue(), out);
    }

    record Result(int exit, String output) {}

    String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    /** SIGKILL: no shutdown hook, no final checkpoint, whatever was in flight is cut off. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
