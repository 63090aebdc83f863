package dev.hearth.audit;

import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Walks every node's chain and names the first bad record: an edited record (its content no longer matches its
 * hash), a deleted one (a gap in {@code seq}, or a link that skips it), an inserted or reordered one (a record that
 * was written at another position), and a log cut short before a signed checkpoint. Checkpoint signatures are
 * checked against the given public key.
 *
 * <p>What a hash chain cannot show, and checkpoints are for: records appended after the last checkpoint can be cut
 * off or rewritten by someone with write access to the store. Keep checkpoints (or exports) somewhere else to pin
 * the log down.
 *
 * <p>Stateless apart from the key; reads through {@link AuditReader}, so it blocks on storage.
 */
public final class ChainVerifier {
    private final PublicKey publicKey;

    /** @param publicKey the checkpoint signing key, or null to match checkpoints without checking signatures */
    public ChainVerifier(PublicKey publicKey) {
        this.publicKey = publicKey;
    }

    public Verification verify(AuditReader reader) {
        List<String> nodes = reader.nodes();
        long records = 0;
        long uncheckpointed = 0;
        int checkpoints = 0;
        for (String node : nodes) {
            List<Checkpoint> nodeCheckpoints = reader.checkpoints(node);
            NodeWalk walk = new NodeWalk(node, nodeCheckpoints);
            reader.scan(node, walk::accept);
            Optional<Verification.Problem> problem = walk.finish(publicKey);
            records += walk.count;
            checkpoints += nodeCheckpoints.size();
            uncheckpointed += walk.lastSeq - walk.lastCheckpointSeq();
            if (problem.isPresent()) {
                return new Verification(nodes.size(), records, checkpoints, uncheckpointed, publicKey != null,
                        problem);
            }
        }
        return new Verification(nodes.size(), records, checkpoints, uncheckpointed, publicKey != null,
                Optional.empty());
    }

    /** One node's chain, fed in {@code seq} order; remembers only the first problem. */
    private static final class NodeWalk {
        private final String node;
        private final Map<Long, Checkpoint> checkpoints = new TreeMap<>();
        private long expected = 1;
        private String prevHash = ChainHash.GENESIS;
        private long lastSeq;
        private long count;
        private Verification.Problem problem;

        NodeWalk(String node, List<Checkpoint> checkpoints) {
            this.node = node;
            checkpoints.forEach(c -> this.checkpoints.put(c.seq(), c));
        }

        void accept(AuditRecord record) {
            count++;
            if (problem != null) {
                return;
            }
            problem = check(record);
            prevHash = record.hash();
            lastSeq = record.seq();
            expected = record.seq() + 1;
        }

        private Verification.Problem check(AuditRecord r) {
            if (r.seq() > expected) {
                return at(expected, "missing: the log jumps from record " + (expected - 1) + " to " + r.seq()
                        + " (deleted)");
            }
            if (r.seq() < expected) {
                return at(r.seq(), "appears twice or out of order");
            }
            if (!r.selfConsistent()) {
                return moved(r).orElseGet(() -> at(r.seq(), "its content does not match its hash (edited)"));
            }
            if (!r.prev().equals(prevHash)) {
                return at(r.seq() - 1, "record " + r.seq() + " does not link to it: record " + (r.seq() - 1)
                        + " was rewritten with a new hash, or a record here was deleted or inserted");
            }
            Checkpoint checkpoint = checkpoints.get(r.seq());
            if (checkpoint != null && !checkpoint.hash().equals(r.hash())) {
                return at(r.seq(), "differs from the signed checkpoint at this position (rewritten)");
            }
            return null;
        }

        /** A record whose hash fits a neighbouring position was moved there by an insertion, deletion or swap. */
        private Optional<Verification.Problem> moved(AuditRecord r) {
            Function<Long, Boolean> fits = seq -> ChainHash.hash(r.node(), seq, r.ts(), r.kind(), r.body(), r.prev())
                    .equals(r.hash());
            if (r.seq() > 1 && fits.apply(r.seq() - 1)) {
                return Optional.of(at(r.seq() - 1, "inserted: record " + r.seq() + " was written as record "
                        + (r.seq() - 1) + ", so the record now before it does not belong"));
            }
            if (fits.apply(r.seq() + 1)) {
                return Optional.of(at(r.seq(), "deleted or moved: the record now here was written as record "
                        + (r.seq() + 1) + " (records were removed and renumbered, or reordered)"));
            }
            return Optional.empty();
        }

        long lastCheckpointSeq() {
            return checkpoints.keySet().stream().filter(seq -> seq <= lastSeq).reduce((a, b) -> b).orElse(0L);
        }

        Optional<Verification.Problem> finish(PublicKey key) {
            if (problem != null) {
                return Optional.of(problem);
            }
            for (Checkpoint checkpoint : checkpoints.values()) {
                if (key != null && !CheckpointSigner.verify(checkpoint, key)) {
                    return Optional.of(at(checkpoint.seq(), "its checkpoint's signature is not valid for this"
                            + " node's signing key (forged or altered checkpoint)"));
                }
                if (checkpoint.seq() > lastSeq) {
                    return Optional.of(at(lastSeq + 1, "missing: the log ends at record " + lastSeq
                            + " but a signed checkpoint covers record " + checkpoint.seq() + " (truncated)"));
                }
            }
            return Optional.empty();
        }

        private Verification.Problem at(long seq, String description) {
            return new Verification.Problem(node, seq, description);
        }
    }
}
