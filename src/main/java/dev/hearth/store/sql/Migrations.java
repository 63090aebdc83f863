package dev.hearth.store.sql;

import dev.hearth.store.StoreException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Brings a database to the current schema with the versioned migrations under {@code db/migration} (Flyway). The
 * same files serve SQLite and PostgreSQL. Safe to run from several processes: Flyway takes the database's lock,
 * and an up-to-date schema is left as it is. Blocking.
 */
public final class Migrations {
    private Migrations() {}

    /** @return how many migrations were applied now */
    public static int apply(DataSource dataSource) {
        return apply(Flyway.configure().dataSource(dataSource));
    }

    /** The same in a PostgreSQL schema of its own (created if missing). */
    public static int apply(DataSource dataSource, String schema) {
        return apply(Flyway.configure().dataSource(dataSource).schemas(schema).defaultSchema(schema)
                .createSchemas(true));
    }

    private static int apply(org.flywaydb.core.api.configuration.FluentConfiguration configuration) {
        try {
            return configuration.locations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    .validateMigrationNaming(true)
                    .load()
                    .migrate()
                    .migrationsExecuted;
        } catch (FlywayException e) {
            throw new StoreException("the database schema could not be migrated: " + e.getMessage(), e);
        }
    }
}
