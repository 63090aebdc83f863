package dev.hearth.config;

import java.nio.file.Path;

/**
 * The quality router's settings.
 *
 * @param model a weights file written by {@code hearth router train}, checked at start-up; null: the model shipped
 *              in Hearth
 */
public record RouterConfig(Path model) {
    public static RouterConfig defaults() {
        return new RouterConfig(null);
    }
}
