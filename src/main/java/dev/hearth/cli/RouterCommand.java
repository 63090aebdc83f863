package dev.hearth.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code hearth router}: offline tools for the quality router (train, score, eval). */
@Command(name = "router", mixinStandardHelpOptions = true,
        description = "Train, apply and evaluate the quality router offline.",
        subcommands = {RouterTrainCommand.class, RouterScoreCommand.class, RouterEvalCommand.class})
final class RouterCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
