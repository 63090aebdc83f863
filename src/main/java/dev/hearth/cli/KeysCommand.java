package dev.hearth.cli;

import dev.hearth.auth.ApiKey;
import dev.hearth.auth.IssuedKey;
import dev.hearth.auth.KeySpec;
import dev.hearth.auth.Quota;
import dev.hearth.auth.Principal;
import dev.hearth.auth.Role;
import dev.hearth.store.Governance;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hearth keys create|list|revoke|rotate}: API keys, on the store directly. A key's secret is printed once, by
 * {@code create} and {@code rotate}, as the last line of their output, and never again by anything.
 */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Create, list, revoke and rotate API keys.",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class,
            KeysCommand.Rotate.class})
final class KeysCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static Principal operator() {
        return Principal.operator(System.getProperty("user.name", "unknown"));
    }

    /** Runs {@code work} on the opened store, turning refusals and faults into a message and exit code 1. */
    static int withStore(CommandLine.Model.CommandSpec spec, StateOptions state, Function<Governance, Integer> work) {
        return Commands.run(spec, () -> {
            try (Governance governance = state.open()) {
                return work.apply(governance);
            }
        });
    }

    static void printIssued(PrintWriter out, String verb, IssuedKey issued) {
        ApiKey key = issued.key();
        out.printf("%s %s (%s) \"%s\": role %s, team %s, models %s, expires %s%n", verb, key.id(), key.displayPrefix(),
                key.name(), key.role().wire(), dash(key.team()), key.models().isEmpty() ? "all"
                        : String.join(",", key.models()), key.expires() == null ? "never" : key.expires());
        out.println("The key is shown this once; Hearth keeps only its hash. Store it now:");
        out.println(issued.secret().reveal());
    }

    static String dash(String text) {
        return text == null ? "-" : text;
    }

    /** Keeps the table's columns aligned: long names are cut to 20 characters. */
    static String cut(String text) {
        return text.length() <= 20 ? text : text.substring(0, 19) + "…";
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Issue a new key and print it once.")
    static final class Create implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        StateOptions state;
        @Option(names = "--name", required = true, description = "What the key is for.")
        String name;
        @Option(names = "--owner", description = "Who holds it.")
        String owner;
        @Option(names = "--team", description = "The team it belongs to (team limits and budgets apply).")
        String team;
        @Option(names = "--role", defaultValue = "member", description = "admin, auditor or member (default member).")
        String role;
        @Option(names = "--model", split = ",", paramLabel = "MODEL",
                description = "A model or alias it may use; repeat or separate with commas. Default: all.")
        List<String> models = new java.util.ArrayList<>();
        @Option(names = "--expires", paramLabel = "WHEN",
                description = "30d, 12h, 2026-12-31 or 2026-12-31T18:00:00Z. Default: never.")
        String expires;
        @Option(names = "--rpm", paramLabel = "N", description = "Requests per minute. Default: no key limit.")
        Integer rpm;
        @Option(names = "--tpm", paramLabel = "N", description = "Tokens per minute. Default: no key limit.")
        Integer tpm;
        @Option(names = "--budget-daily", paramLabel = "USD", description = "Spend per UTC day. Default: none.")
        Double budgetDaily;
        @Option(names = "--budget-monthly", paramLabel = "USD", description = "Spend per UTC month. Default: none.")
        Double budgetMonthly;
        @Option(names = "--egress", split = ",", paramLabel = "CLASS",
                description = "Data classes it may send off the machine (secret, phi, pii, financial, confidential,"
                        + " custom); the others stay local. Default: as the privacy policy says.")
        List<String> egress;

        @Override
        public Integer call() {
            Role parsed = Role.parse(role).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                    "--role must be admin, auditor or member, not '" + role + "'"));
            Instant expiry = expires == null ? null : Expiry.parse(expires, Instant.now(), spec.commandLine());
            Quota quota;
            try {
                quota = new Quota(rpm, tpm, budgetDaily, budgetMonthly);
            } catch (IllegalArgumentException bad) {
                throw new CommandLine.ParameterException(spec.commandLine(), bad.getMessage());
            }
            return withStore(spec, state, governance -> {
                IssuedKey issued = governance.keys().create(new KeySpec(name, owner, team, parsed, models, expiry,
                        quota, egress), operator(), null);
                printIssued(spec.commandLine().getOut(), "Created", issued);
                return 0;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List every key (never a secret).")
    static final class ListKeys implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        StateOptions state;

        @Override
        public Integer call() {
            return withStore(spec, state, governance -> {
                PrintWriter out = spec.commandLine().getOut();
                String row = "%-16s  %-14s  %-20s  %-7s  %-10s  %-10s  %-7s  %-20s  %s%n";
                out.printf(row, "ID", "PREFIX", "NAME", "ROLE", "TEAM", "OWNER", "STATUS", "MODELS", "EXPIRES");
                Instant now = Instant.now();
                for (ApiKey key : governance.keys().list()) {
                    out.printf(row, key.id(), key.displayPrefix(), cut(key.name()), key.role().wire(),
                            cut(dash(key.team())), cut(dash(key.owner())), key.status(now), key.models().isEmpty() ? "all"
                                    : String.join(",", key.models()), key.expires() == null ? "never" : key.expires());
                }
                return 0;
            });
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a key. Running servers refuse it within their key refresh interval (2s default).")
    static final class Revoke implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        StateOptions state;
        @Parameters(paramLabel = "KEY", description = "The key's id or prefix (as listed).")
        String key;

        @Override
        public Integer call() {
            return withStore(spec, state, governance -> {
                ApiKey revoked = governance.keys().revoke(key, operator(), null);
                spec.commandLine().getOut().printf("Revoked %s (%s) \"%s\"%n", revoked.id(), revoked.displayPrefix(),
                        revoked.name());
                return 0;
            });
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Issue a replacement with the same attributes and revoke the old key; print the new one once.")
    static final class Rotate implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        StateOptions state;
        @Parameters(paramLabel = "KEY", description = "The key's id or prefix (as listed).")
        String key;

        @Override
        public Integer call() {
            return withStore(spec, state, governance -> {
                printIssued(spec.commandLine().getOut(), "Rotated; the replacement is",
                        governance.keys().rotate(key, operator(), null));
                return 0;
            });
        }
    }
}
