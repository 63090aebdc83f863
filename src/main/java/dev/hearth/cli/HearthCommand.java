package dev.hearth.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code hearth}: the command-line entry point; each job is a subcommand. */
@Command(name = "hearth", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Hearth: a local-first hybrid AI gateway.",
        subcommands = {ServeCommand.class, KeysCommand.class, AuditCommand.class, RouteCommand.class,
            RouterCommand.class, PrivacyCommand.class, CommandLine.HelpCommand.class})
public final class HearthCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new HearthCommand()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
