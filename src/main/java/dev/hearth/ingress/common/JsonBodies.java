package dev.hearth.ingress.common;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.error.GatewayError;
import dev.hearth.error.GatewayException;
import dev.hearth.json.Json;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/** Parses a request body as JSON or refuses with a 400 that says so (never a 500, never the parser's internals). */
public final class JsonBodies {
    private JsonBodies() {}

    public static JsonNode parse(Buffer body) {
        if (body == null || body.length() == 0) {
            throw new GatewayException(GatewayError.invalid(null, "The request body is empty; expected a JSON object."));
        }
        try {
            JsonNode node = Json.read(body.getBytes());
            if (node == null || node.isMissingNode()) {
                throw new GatewayException(GatewayError.invalid(null, "The request body is empty; expected a JSON object."));
            }
            return node;
        } catch (IOException malformed) {
            throw new GatewayException(GatewayError.invalid(null,
                    "We could not parse the JSON body of your request: it is not valid JSON."));
        }
    }
}
