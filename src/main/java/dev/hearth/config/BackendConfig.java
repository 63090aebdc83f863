package dev.hearth.config;

import dev.hearth.backend.Locality;
import dev.hearth.backend.Protocol;
import java.net.URI;
import java.util.List;

/**
 * One upstream endpoint.
 *
 * @param name          unique, used in "name/model" references, headers and metrics
 * @param protocol      wire protocol the endpoint speaks
 * @param baseUrl       from configuration only, never from a request
 * @param apiKey        may be null (local servers)
 * @param location      whether data sent there leaves the machine
 * @param models        served models; empty means "discover at start"
 * @param maxConcurrency concurrent requests the backend accepts; 0 = unlimited
 */
public record BackendConfig(
        String name,
        Protocol protocol,
        URI baseUrl,
        Secret apiKey,
        Locality location,
        List<String> models,
        int maxConcurrency) {

    public BackendConfig {
        models = List.copyOf(models);
    }
}
