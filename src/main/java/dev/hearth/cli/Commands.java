package dev.hearth.cli;

import dev.hearth.config.ConfigException;
import dev.hearth.error.GatewayException;
import dev.hearth.store.StoreException;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/** How the store-backed commands fail: a one-line message on stderr and an exit code, never a stack trace. */
final class Commands {
    private Commands() {}

    /** 0 or what {@code work} returns; 1 for a refusal or a store fault; 2 for a bad configuration. */
    static int run(CommandLine.Model.CommandSpec spec, Callable<Integer> work) {
        try {
            return work.call();
        } catch (GatewayException refused) {
            spec.commandLine().getErr().println("hearth: " + refused.error().message());
            return 1;
        } catch (ConfigException invalid) {
            spec.commandLine().getErr().println("hearth: invalid configuration: " + invalid.getMessage());
            return 2;
        } catch (StoreException fault) {
            spec.commandLine().getErr().println("hearth: " + fault.getMessage());
            return 1;
        } catch (Exception unexpected) {
            spec.commandLine().getErr().println("hearth: " + unexpected);
            return 1;
        }
    }
}
