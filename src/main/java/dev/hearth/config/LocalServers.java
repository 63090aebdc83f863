package dev.hearth.config;

import dev.hearth.backend.Locality;
import dev.hearth.backend.Protocol;
import java.net.URI;
import java.util.List;

/**
 * The local inference servers Hearth looks for on their usual loopback ports when
 * {@link DiscoveryConfig#localServers()} is on. This class is only the table; probing which of them answer
 * happens at start-up elsewhere. Immutable and thread-safe.
 *
 * <table>
 *   <caption>Local server candidates</caption>
 *   <tr><th>name</th><th>protocol</th><th>base URL</th></tr>
 *   <tr><td>ollama</td><td>ollama</td><td>http://127.0.0.1:11434</td></tr>
 *   <tr><td>lmstudio</td><td>openai</td><td>http://127.0.0.1:1234/v1</td></tr>
 *   <tr><td>vllm</td><td>openai</td><td>http://127.0.0.1:8000/v1</td></tr>
 *   <tr><td>llamacpp</td><td>openai</td><td>http://127.0.0.1:8080/v1</td></tr>
 * </table>
 */
public final class LocalServers {

    private static final List<BackendConfig> CANDIDATES = List.of(
            local("ollama", Protocol.OLLAMA, "http://127.0.0.1:11434"),
            local("lmstudio", Protocol.OPENAI, "http://127.0.0.1:1234/v1"),
            local("vllm", Protocol.OPENAI, "http://127.0.0.1:8000/v1"),
            local("llamacpp", Protocol.OPENAI, "http://127.0.0.1:8080/v1"));

    private LocalServers() {
    }

    /** The candidates in probing order: {@link Locality#LOCAL}, no key, no concurrency limit, models discovered. */
    public static List<BackendConfig> candidates() {
        return CANDIDATES;
    }

    private static BackendConfig local(String name, Protocol protocol, String baseUrl) {
        return new BackendConfig(name, protocol, URI.create(baseUrl), null, Locality.LOCAL, List.of(), 0);
    }
}
