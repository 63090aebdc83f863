package dev.hearth.config;

/**
 * @param localServers probe Ollama, LM Studio, vLLM and llama.cpp on their usual loopback ports
 * @param cloudKeys    enable cloud providers whose API key variable is set
 * @param embedded     serve /v1/embeddings with the in-process MiniLM model
 */
public record DiscoveryConfig(boolean localServers, boolean cloudKeys, boolean embedded) {
    public static DiscoveryConfig defaults() {
        return new DiscoveryConfig(true, true, true);
    }
}
