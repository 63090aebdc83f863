package dev.hearth.cli;

import dev.hearth.config.ConfigException;
import dev.hearth.config.ConfigLoader;
import dev.hearth.config.HearthConfig;
import dev.hearth.config.ServerConfig;
import dev.hearth.server.HearthServer;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hearth serve}: runs the gateway until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the gateway. Without --config it binds 127.0.0.1:" + ServerConfig.DEFAULT_PORT
                + ", discovers local model servers and cloud keys, and serves embeddings in-process.")
final class ServeCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file (validated strictly).")
    Path config;

    @Option(names = "--port", description = "Override the listening port.")
    Integer port;

    @Option(names = "--host", description = "Override the bind address.")
    String host;

    @Override
    public Integer call() throws InterruptedException {
        HearthConfig loaded;
        try {
            loaded = config == null ? HearthConfig.defaults() : ConfigLoader.load(config, System.getenv());
        } catch (ConfigException invalid) {
            System.err.println("hearth: invalid configuration: " + invalid.getMessage());
            return 2;
        }
        HearthConfig effective = withOverrides(loaded);
        long started = System.nanoTime();
        HearthServer server;
        try {
            server = HearthServer.start(effective, System.getenv());
        } catch (CompletionException | IllegalStateException failed) {
            Throwable cause = failed.getCause() != null ? failed.getCause() : failed;
            System.err.println("hearth: could not start: " + cause.getMessage());
            return 1;
        }
        System.out.print(StartupSummary.render(server, (System.nanoTime() - started) / 1_000_000));
        System.out.flush();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stop.countDown();
        }, "hearth-shutdown"));
        stop.await();
        return 0;
    }

    private HearthConfig withOverrides(HearthConfig loaded) {
        ServerConfig server = loaded.server();
        ServerConfig overridden = new ServerConfig(host != null ? host : server.host(),
                port != null ? port : server.port(), server.maxBodyBytes());
        return new HearthConfig(overridden, loaded.backends(), loaded.aliases(), loaded.failover(), loaded.discovery(),
                loaded.privacy());
    }
}
