package dev.hearth.store.sql;

import dev.hearth.limits.SpendLedger;
import dev.hearth.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SpendLedger} in the {@code spend} table: settled spend is added through the store's writer (batched with
 * the audit records of the same moment), with an upsert that SQLite and PostgreSQL both speak. Thread-safe.
 */
final class SqlSpendLedger implements SpendLedger {
    private static final Logger LOG = LoggerFactory.getLogger(SqlSpendLedger.class);

    private final DataSource readers;
    private final GroupCommitWriter writer;

    SqlSpendLedger(DataSource readers, GroupCommitWriter writer) {
        this.readers = readers;
        this.writer = writer;
    }

    @Override
    public Map<String, Long> settled(List<String> periods) {
        Map<String, Long> settled = new HashMap<>();
        try (Connection c = readers.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT scope, period, micro_usd FROM spend WHERE period = ?")) {
            for (String period : periods) {
                s.setString(1, period);
                try (ResultSet row = s.executeQuery()) {
                    while (row.next()) {
                        settled.put(row.getString(1) + "|" + row.getString(2), row.getLong(3));
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read settled spend: " + e.getMessage(), e);
        }
        return settled;
    }

    @Override
    public void add(List<String> counters, long microUsd) {
        writer.submit(session -> {
            try (PreparedStatement s = session.connection().prepareStatement("INSERT INTO spend (scope, period,"
                    + " micro_usd) VALUES (?, ?, ?) ON CONFLICT (scope, period)"
                    + " DO UPDATE SET micro_usd = spend.micro_usd + excluded.micro_usd")) {
                for (String counter : counters) {
                    int bar = counter.lastIndexOf('|');
                    s.setString(1, counter.substring(0, bar));
                    s.setString(2, counter.substring(bar + 1));
                    s.setLong(3, microUsd);
                    s.executeUpdate();
                }
            }
            return null;
        }).exceptionally(failed -> {
            LOG.warn("settled spend could not be recorded (budgets under-count it after a restart): {}",
                    failed.toString());
            return null;
        });
    }
}
