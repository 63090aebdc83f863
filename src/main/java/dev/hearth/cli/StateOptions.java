package dev.hearth.cli;

import dev.hearth.config.ConfigLoader;
import dev.hearth.config.HearthConfig;
import dev.hearth.config.StateConfig;
import dev.hearth.store.Governance;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Option;

/**
 * Where the {@code keys} and {@code audit} commands find the state: {@code --state-dir}, else the configuration's
 * {@code state.dir}, else the default. They open the store directly, so they work whether or not the server runs
 * (SQLite's busy timeout lets both write; the server picks up key changes within its key refresh interval).
 */
final class StateOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (for state.dir, state.database and audit).")
    Path config;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "State directory (default: state.dir, $HEARTH_HOME, ~/.local/share/hearth).")
    Path stateDir;

    /** @throws dev.hearth.config.ConfigException for a bad configuration file */
    Governance open() {
        HearthConfig loaded = config == null ? HearthConfig.defaults() : ConfigLoader.load(config, System.getenv());
        StateConfig state = stateDir != null ? loaded.state().withDir(stateDir) : loaded.state();
        return Governance.open(state, loaded.audit(), System.getenv(), Clock.systemUTC());
    }
}
