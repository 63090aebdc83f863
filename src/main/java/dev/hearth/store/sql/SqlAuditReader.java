package dev.hearth.store.sql;

import dev.hearth.audit.AuditReader;
import dev.hearth.audit.AuditRecord;
import dev.hearth.audit.Checkpoint;
import dev.hearth.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;

/** {@link AuditReader} in portable SQL over a pooled {@link DataSource}. Blocking; thread-safe. */
public final class SqlAuditReader implements AuditReader {
    private static final String COLUMNS = "node_id, seq, ts, kind, body, prev_hash, hash";

    private final DataSource readers;

    public SqlAuditReader(DataSource readers) {
        this.readers = readers;
    }

    @Override
    public List<AuditRecord> recent(int limit) {
        List<AuditRecord> records = new ArrayList<>();
        read("SELECT " + COLUMNS + " FROM audit_records ORDER BY ts DESC, seq DESC LIMIT ?", s -> s.setInt(1, limit),
                row -> records.add(record(row)));
        return records;
    }

    @Override
    public List<String> nodes() {
        List<String> nodes = new ArrayList<>();
        read("SELECT DISTINCT node_id FROM audit_records UNION SELECT DISTINCT node_id FROM audit_checkpoints"
                + " ORDER BY 1", s -> { }, row -> nodes.add(row.getString(1)));
        return nodes;
    }

    @Override
    public void scan(String node, Consumer<AuditRecord> sink) {
        read("SELECT " + COLUMNS + " FROM audit_records WHERE node_id = ? ORDER BY seq", s -> {
            s.setString(1, node);
            s.setFetchSize(1_000);
        }, row -> sink.accept(record(row)));
    }

    @Override
    public List<Checkpoint> checkpoints(String node) {
        List<Checkpoint> checkpoints = new ArrayList<>();
        read("SELECT node_id, seq, ts, hash, key_id, signature FROM audit_checkpoints WHERE node_id = ? ORDER BY seq",
                s -> s.setString(1, node), row -> checkpoints.add(new Checkpoint(row.getString(1), row.getLong(2),
                        row.getLong(3), row.getString(4).strip(), row.getString(5), row.getString(6))));
        return checkpoints;
    }

    private static AuditRecord record(ResultSet row) throws SQLException {
        return new AuditRecord(row.getString(1), row.getLong(2), row.getLong(3), row.getString(4), row.getString(5),
                row.getString(6).strip(), row.getString(7).strip());
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private void read(String sql, Binder binder, RowReader reader) {
        // PostgreSQL streams rows (fetch size) only outside auto-commit; SQLite steps through them either way.
        try (Connection c = readers.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(sql)) {
                binder.bind(s);
                try (ResultSet row = s.executeQuery()) {
                    while (row.next()) {
                        reader.read(row);
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the audit log: " + e.getMessage(), e);
        }
    }
}
