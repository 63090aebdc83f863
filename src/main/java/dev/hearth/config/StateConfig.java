package dev.hearth.config;

import java.nio.file.Path;

/**
 * @param dir where keys, the audit log and the secrets live; null picks the default ({@code $HEARTH_HOME}, else
 *            {@code $XDG_DATA_HOME/hearth}, else {@code ~/.local/share/hearth}; see {@code store.StateDir})
 */
public record StateConfig(Path dir) {
    public static StateConfig defaults() {
        return new StateConfig(null);
    }
}
