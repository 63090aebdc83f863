package dev.hearth.config;

import java.time.Duration;

/**
 * @param nodeId             this node's chain in the audit log; null uses the id kept in the state directory
 * @param checkpointEvery    a signed checkpoint after every this many records
 * @param checkpointInterval and at least this often while records arrive (plus one at shutdown)
 * @param durability         what "the audit record is durable" means before an answer may end (embedded store)
 */
public record AuditConfig(String nodeId, int checkpointEvery, Duration checkpointInterval, Durability durability) {

    /** How far a committed audit record survives before the client's answer is allowed to end. */
    public enum Durability {
        /** Each group commit is fsynced ({@code synchronous=FULL}): survives a power loss. The default. */
        FSYNC,
        /**
         * Each group commit reaches the write-ahead log without an fsync ({@code synchronous=NORMAL}): survives a
         * crash of Hearth, not of the operating system or a power loss; the fsync happens at WAL checkpoints.
         */
        WAL
    }

    public AuditConfig(String nodeId, int checkpointEvery, Duration checkpointInterval) {
        this(nodeId, checkpointEvery, checkpointInterval, Durability.FSYNC);
    }

    public static AuditConfig defaults() {
        return new AuditConfig(null, 1_000, Duration.ofMinutes(1), Durability.FSYNC);
    }
}
