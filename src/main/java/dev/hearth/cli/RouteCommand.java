package dev.hearth.cli;

import picocli.CommandLine.Command;

/** {@code hearth route}: inspect routing decisions without serving. */
@Command(name = "route", mixinStandardHelpOptions = true, description = "Inspect routing decisions.",
        subcommands = {RouteExplainCommand.class})
final class RouteCommand {}
