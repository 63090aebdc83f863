package dev.hearth.audit;

import java.util.Optional;

/**
 * The outcome of {@link ChainVerifier#verify}: what was checked, and the first problem found, if any.
 *
 * @param records            records walked, all nodes
 * @param checkpoints        checkpoints checked, all nodes
 * @param uncheckpointed     records after the last checkpoint of their node (protected by the chain only: they could
 *                           be cut off the end without a trace)
 * @param signaturesChecked  false when no public key was available, so checkpoints were matched but not verified
 */
public record Verification(int nodes, long records, int checkpoints, long uncheckpointed, boolean signaturesChecked,
        Optional<Problem> problem) {

    /** The first bad record of a node's chain, by its {@code seq}, and what is wrong with it. */
    public record Problem(String node, long seq, String description) {
        @Override
        public String toString() {
            return "node " + node + ", record " + seq + ": " + description;
        }
    }

    public boolean intact() {
        return problem.isEmpty();
    }
}
