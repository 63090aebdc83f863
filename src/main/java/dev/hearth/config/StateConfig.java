package dev.hearth.config;

import java.nio.file.Path;

/**
 * @param dir      where the node's own files live (server secret, audit signing keys, node id) and, without a
 *                 database, the SQLite store; null picks the default ({@code $HEARTH_HOME}, else
 *                 {@code $XDG_DATA_HOME/hearth}, else {@code ~/.local/share/hearth}; see {@code store.StateDir})
 * @param database a shared PostgreSQL database for keys, the audit log and spend, or null for embedded SQLite
 */
public record StateConfig(Path dir, DatabaseConfig database) {

    public StateConfig(Path dir) {
        this(dir, null);
    }

    public static StateConfig defaults() {
        return new StateConfig(null, null);
    }

    public StateConfig withDir(Path newDir) {
        return new StateConfig(newDir, database);
    }

    /**
     * @param url      {@code jdbc:postgresql://host:port/database}
     * @param user     null for the driver's default
     * @param password from the environment only, or null
     * @param schema   the schema Hearth's tables live in (created if missing)
     * @param poolSize connections for reads (writes use one more, the writer's own)
     */
    public record DatabaseConfig(String url, String user, Secret password, String schema, int poolSize) {}
}
