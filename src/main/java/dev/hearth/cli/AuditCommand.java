package dev.hearth.cli;

import dev.hearth.audit.ChainVerifier;
import dev.hearth.audit.Verification;
import dev.hearth.store.Governance;
import dev.hearth.store.StateDir;
import dev.hearth.store.StoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hearth audit verify|export}: check the audit log's hash chains and checkpoints, or write it out. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Verify or export the audit log.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Export.class})
final class AuditCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Walk every node's chain; exit 0 if intact, 1 naming the first bad record otherwise.")
    static final class Verify implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        StateOptions state;
        @Option(names = "--public-key", paramLabel = "FILE",
                description = "Checkpoint signing key (default: audit-signing.pub in the state directory).")
        Path publicKey;

        @Override
        public Integer call() {
            return KeysCommand.withStore(spec, state, governance -> {
                PublicKey key = publicKey != null ? StateDir.auditPublicKey(publicKey) : governance.auditPublicKey();
                Verification result = new ChainVerifier(key).verify(governance.auditReader());
                PrintWriter out = spec.commandLine().getOut();
                if (result.problem().isPresent()) {
                    out.println("TAMPERED: " + result.problem().get());
                    out.printf("(checked %d records on %d node(s) up to that point)%n", result.records(),
                            result.nodes());
                    return 1;
                }
                out.printf("OK: %d records on %d node(s), every chain intact; %d signed checkpoint(s) verified.%n",
                        result.records(), result.nodes(), result.checkpoints());
                if (result.uncheckpointed() > 0) {
                    out.printf("%d record(s) after the last checkpoint are protected by the chain only.%n",
                            result.uncheckpointed());
                }
                return 0;
            });
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write records as JSON Lines (each the hashed canonical JSON plus its hash), node by node.")
    static final class Export implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        StateOptions state;
        @Option(names = "--output", paramLabel = "FILE", description = "Write here instead of standard output.")
        Path output;
        @Option(names = "--node", paramLabel = "NODE", description = "Only this node's records.")
        String node;

        @Override
        public Integer call() {
            return KeysCommand.withStore(spec, state, governance -> {
                long count;
                if (output == null) {
                    count = write(governance, spec.commandLine().getOut());
                } else {
                    try (PrintWriter file = new PrintWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8))) {
                        count = write(governance, file);
                    } catch (IOException e) {
                        throw new StoreException("cannot write " + output + ": " + e.getMessage(), e);
                    }
                }
                spec.commandLine().getErr().printf("Exported %d record(s).%n", count);
                return 0;
            });
        }

        private long write(Governance governance, PrintWriter lines) {
            AtomicLong count = new AtomicLong();
            for (String each : node == null ? governance.auditReader().nodes() : List.of(node)) {
                governance.auditReader().scan(each, record -> {
                    lines.print(record.jsonLine());
                    lines.print('\n');
                    count.incrementAndGet();
                });
            }
            lines.flush();
            return count.get();
        }
    }
}
