package dev.hearth.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code hearth privacy}: offline tools around the privacy detector (the same one the gateway uses). */
@Command(name = "privacy", mixinStandardHelpOptions = true,
        description = "Detect sensitive data in text offline: scan JSON Lines, or evaluate against a labelled set.",
        subcommands = {PrivacyScanCommand.class, PrivacyEvalCommand.class})
final class PrivacyCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
