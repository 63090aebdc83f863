package dev.hearth.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** A request a fake upstream received: method, path, headers (lower-case names) and parsed JSON body (or null). */
public record RecordedRequest(String method, String path, Map<String, String> headers, JsonNode body) {}
