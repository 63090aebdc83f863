package dev.hearth.config;

import dev.hearth.backend.Locality;
import dev.hearth.backend.Protocol;
import dev.hearth.config.ConfigNode.Origin;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Maps the {@code backends} list to {@link BackendConfig}s: required {@code name}, {@code protocol} and
 * {@code base-url}; unique names; an absolute http(s) base URL without credentials; and, when
 * {@code location} is absent, {@code local} for a loopback host and {@code cloud} for any other.
 */
final class BackendMapper {

    static final List<String> KEYS =
            List.of("name", "protocol", "base-url", "api-key", "location", "models", "max-concurrency");
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private static final Map<String, Protocol> PROTOCOLS = names(Protocol.values());
    private static final Map<String, Locality> LOCATIONS = names(Locality.values());

    private final NodeReader read;

    BackendMapper(NodeReader read) {
        this.read = read;
    }

    List<BackendConfig> map(ConfigNode backends) {
        List<BackendConfig> result = new ArrayList<>();
        Map<String, Origin> declared = new HashMap<>();
        for (ConfigNode node : read.list(backends)) {
            Section section = read.section(node, KEYS);
            BackendConfig backend = backend(section);
            ConfigNode nameNode = section.require("name");
            Origin first = declared.putIfAbsent(backend.name(), nameNode.origin());
            if (first != null) {
                throw nameNode.origin().problem("duplicate backend name \"" + backend.name()
                        + "\" (first declared at line " + first.line() + ")");
            }
            result.add(backend);
        }
        return result;
    }

    private BackendConfig backend(Section section) {
        ConfigNode nameNode = section.require("name");
        String name = read.string(nameNode);
        if (!NAME.matcher(name).matches()) {
            throw nameNode.origin().problem("expected a name of letters, digits, '.', '_' and '-' that starts with a"
                    + " letter or digit, got " + NodeReader.shown(nameNode));
        }
        Protocol protocol = read.oneOf(section.require("protocol"), PROTOCOLS);
        URI baseUrl = baseUrl(section.require("base-url"));
        Secret apiKey = section.get("api-key").map(read::secret).orElse(null);
        Locality location = section.get("location").map(node -> read.oneOf(node, LOCATIONS))
                .orElse(Loopback.isLoopback(baseUrl.getHost()) ? Locality.LOCAL : Locality.CLOUD);
        List<String> models = section.get("models").map(this::models).orElse(List.of());
        int maxConcurrency = section.integer("max-concurrency", 0, Integer.MAX_VALUE, 0);
        return new BackendConfig(name, protocol, baseUrl, apiKey, location, models, maxConcurrency);
    }

    private URI baseUrl(ConfigNode node) {
        URI uri = read.url(node, List.of("http", "https"),
                "an absolute http or https URL like \"http://127.0.0.1:11434\"", "give the key with api-key");
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw node.origin().problem("must not have a query (?...) or fragment (#...), got "
                    + NodeReader.shown(node));
        }
        return uri;
    }

    private List<String> models(ConfigNode node) {
        Map<String, Origin> models = new LinkedHashMap<>();
        for (ConfigNode item : read.list(node)) {
            Origin first = models.putIfAbsent(read.string(item), item.origin());
            if (first != null) {
                throw item.origin().problem("duplicate model " + NodeReader.shown(item) + " (first listed as "
                        + first.path() + ")");
            }
        }
        return List.copyOf(models.keySet());
    }

    /** Enum constants by their lower-case configuration spelling, in declaration order. */
    static <E extends Enum<E>> Map<String, E> names(E[] values) {
        Map<String, E> names = new LinkedHashMap<>();
        for (E value : values) {
            names.put(value.name().toLowerCase(Locale.ROOT), value);
        }
        return names;
    }
}
