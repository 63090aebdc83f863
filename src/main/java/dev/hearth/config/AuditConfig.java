package dev.hearth.config;

import java.time.Duration;

/**
 * @param nodeId             this node's chain in the audit log; null uses the id kept in the state directory
 * @param checkpointEvery    a signed checkpoint after every this many records
 * @param checkpointInterval and at least this often while records arrive (plus one at shutdown)
 */
public record AuditConfig(String nodeId, int checkpointEvery, Duration checkpointInterval) {
    public static AuditConfig defaults() {
        return new AuditConfig(null, 1_000, Duration.ofMinutes(1));
    }
}
