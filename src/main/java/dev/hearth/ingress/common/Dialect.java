package dev.hearth.ingress.common;

import io.vertx.ext.web.Router;

/**
 * One client dialect: the routes it serves and the error shape it answers in. Adding a dialect is one implementation
 * of this interface plus one line in the server's list of dialects.
 */
public interface Dialect {

    /** Short name for metrics ("openai", "anthropic", "ollama"). */
    String name();

    /** Path prefixes this dialect owns; unknown paths and refusals under them are answered in its error shape. */
    java.util.List<String> pathPrefixes();

    /** Paths this dialect serves (for telling 405 from 404). */
    java.util.List<String> paths();

    HttpClientSink.ErrorWriter errors();

    void mount(Router router, IngressContext context);
}
