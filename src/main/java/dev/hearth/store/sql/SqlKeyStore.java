package dev.hearth.store.sql;

import dev.hearth.audit.AuditEvent;
import dev.hearth.auth.ApiKey;
import dev.hearth.auth.ApiKeyStore;
import dev.hearth.auth.LimitScope;
import dev.hearth.auth.Quota;
import dev.hearth.auth.Role;
import dev.hearth.error.ErrorKind;
import dev.hearth.error.GatewayError;
import dev.hearth.error.GatewayException;
import dev.hearth.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;

/**
 * {@link ApiKeyStore} in portable SQL (SQLite and PostgreSQL): reads through a pooled {@link DataSource}, writes as
 * {@link GroupCommitWriter} tasks that also bump {@code key_generation} and append the admin action's audit record,
 * all in one transaction. Thread-safe.
 */
public final class SqlKeyStore implements ApiKeyStore {
    private static final String COLUMNS = "id, prefix, key_hash, name, owner, team, role, created_at, expires_at,"
            + " revoked_at, rpm, tpm, budget_daily_usd, budget_monthly_usd, egress";

    private final DataSource readers;
    private final GroupCommitWriter writer;

    public SqlKeyStore(DataSource readers, GroupCommitWriter writer) {
        this.readers = readers;
        this.writer = writer;
    }

    @Override
    public long generation() {
        try (Connection c = readers.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT int_value FROM store_meta WHERE name = ?")) {
            s.setString(1, "key_generation");
            try (ResultSet row = s.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the key generation: " + e.getMessage(), e);
        }
    }

    @Override
    public List<ApiKey> list() {
        return query("SELECT " + COLUMNS + " FROM api_keys ORDER BY created_at, id", null);
    }

    @Override
    public Optional<ApiKey> find(String idOrPrefix) {
        return query("SELECT " + COLUMNS + " FROM api_keys WHERE id = ? OR prefix = ? ORDER BY id", idOrPrefix)
                .stream().findFirst();
    }

    @Override
    public CompletableFuture<Void> insert(ApiKey key, AuditEvent event) {
        return writer.submit(session -> {
            insert(session.connection(), key);
            bumpGeneration(session.connection());
            session.append(event);
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> revoke(String id, Instant at, AuditEvent event) {
        return writer.submit(session -> {
            revoke(session.connection(), id, at);
            bumpGeneration(session.connection());
            session.append(event);
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> replace(ApiKey replacement, String oldId, Instant at, AuditEvent event) {
        return writer.submit(session -> {
            revoke(session.connection(), oldId, at);
            insert(session.connection(), replacement);
            bumpGeneration(session.connection());
            session.append(event);
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> updateLimits(String id, Quota quota, List<String> egress, AuditEvent event) {
        return writer.submit(session -> {
            try (PreparedStatement s = session.connection().prepareStatement("UPDATE api_keys SET rpm = ?, tpm = ?,"
                    + " budget_daily_usd = ?, budget_monthly_usd = ?, egress = ? WHERE id = ?")) {
                setInteger(s, 1, quota.rpm());
                setInteger(s, 2, quota.tpm());
                setDecimal(s, 3, quota.dailyUsd());
                setDecimal(s, 4, quota.monthlyUsd());
                setText(s, 5, egress == null ? null : String.join(",", egress));
                s.setString(6, id);
                if (s.executeUpdate() == 0) {
                    throw new GatewayException(new GatewayError(ErrorKind.NOT_FOUND,
                            "No API key has the id " + id + ".", "key_not_found", null, null));
                }
            }
            bumpGeneration(session.connection());
            session.append(event);
            return null;
        });
    }

    @Override
    public Map<String, Quota> limits(LimitScope scope) {
        try (Connection c = readers.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT name, rpm, tpm, budget_daily_usd, budget_monthly_usd FROM " + scope.table() + " ORDER BY name");
                ResultSet row = s.executeQuery()) {
            Map<String, Quota> teams = new LinkedHashMap<>();
            while (row.next()) {
                teams.put(row.getString(1), new Quota(integer(row, 2), integer(row, 3), decimal(row, 4),
                        decimal(row, 5)));
            }
            return teams;
        } catch (SQLException e) {
            throw new StoreException("cannot read " + scope.word() + " limits: " + e.getMessage(), e);
        }
    }

    @Override
    public CompletableFuture<Void> putLimits(LimitScope scope, String name, Quota quota, Instant at,
            AuditEvent event) {
        return writer.submit(session -> {
            try (PreparedStatement delete = session.connection().prepareStatement(
                    "DELETE FROM " + scope.table() + " WHERE name = ?")) {
                delete.setString(1, name);
                delete.executeUpdate();
            }
            if (quota != null) {
                try (PreparedStatement s = session.connection().prepareStatement("INSERT INTO " + scope.table()
                        + " (name, rpm, tpm, budget_daily_usd, budget_monthly_usd, updated_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                    s.setString(1, name);
                    setInteger(s, 2, quota.rpm());
                    setInteger(s, 3, quota.tpm());
                    setDecimal(s, 4, quota.dailyUsd());
                    setDecimal(s, 5, quota.monthlyUsd());
                    s.setLong(6, at.toEpochMilli());
                    s.executeUpdate();
                }
            }
            bumpGeneration(session.connection());
            session.append(event);
            return null;
        });
    }

    private List<ApiKey> query(String sql, String parameter) {
        try (Connection c = readers.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (parameter != null) {
                s.setString(1, parameter);
                s.setString(2, parameter);
            }
            Map<String, ApiKey> keys = new LinkedHashMap<>();
            try (ResultSet row = s.executeQuery()) {
                while (row.next()) {
                    keys.put(row.getString(1), read(row));
                }
            }
            if (keys.isEmpty()) {
                return List.of();
            }
            Map<String, List<String>> models = models(c);
            return keys.values().stream().map(key -> withModels(key, models.getOrDefault(key.id(), List.of())))
                    .toList();
        } catch (SQLException e) {
            throw new StoreException("cannot read API keys: " + e.getMessage(), e);
        }
    }

    private static Map<String, List<String>> models(Connection c) throws SQLException {
        Map<String, List<String>> models = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT key_id, model FROM api_key_models ORDER BY key_id, position");
                ResultSet row = s.executeQuery()) {
            while (row.next()) {
                models.computeIfAbsent(row.getString(1), id -> new ArrayList<>()).add(row.getString(2));
            }
        }
        return models;
    }

    private static ApiKey read(ResultSet row) throws SQLException {
        String roleName = row.getString(7);
        Role role = Role.parse(roleName).orElseThrow(() -> new SQLException("unknown role " + roleName));
        Quota quota = new Quota(integer(row, 11), integer(row, 12), decimal(row, 13), decimal(row, 14));
        String egress = row.getString(15);
        return new ApiKey(row.getString(1), row.getString(2), row.getString(3).strip(), row.getString(4),
                row.getString(5), row.getString(6), role, List.of(), Instant.ofEpochMilli(row.getLong(8)),
                instant(row, 9), instant(row, 10), quota,
                egress == null ? null : egress.isEmpty() ? List.of() : List.of(egress.split(",")));
    }

    private static ApiKey withModels(ApiKey k, List<String> models) {
        return new ApiKey(k.id(), k.prefix(), k.hash(), k.name(), k.owner(), k.team(), k.role(), models,
                k.created(), k.expires(), k.revoked(), k.quota(), k.egress());
    }

    private static Integer integer(ResultSet row, int column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? null : value;
    }

    private static Double decimal(ResultSet row, int column) throws SQLException {
        double value = row.getDouble(column);
        return row.wasNull() ? null : value;
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        long millis = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    private static void insert(Connection c, ApiKey key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO api_keys (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, key.id());
            s.setString(2, key.prefix());
            s.setString(3, key.hash());
            s.setString(4, key.name());
            setText(s, 5, key.owner());
            setText(s, 6, key.team());
            s.setString(7, key.role().wire());
            s.setLong(8, key.created().toEpochMilli());
            setMillis(s, 9, key.expires());
            setMillis(s, 10, key.revoked());
            Quota quota = key.quota();
            setInteger(s, 11, quota.rpm());
            setInteger(s, 12, quota.tpm());
            setDecimal(s, 13, quota.dailyUsd());
            setDecimal(s, 14, quota.monthlyUsd());
            setText(s, 15, key.egress() == null ? null : String.join(",", key.egress()));
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO api_key_models (key_id, position, model) VALUES (?, ?, ?)")) {
            for (int i = 0; i < key.models().size(); i++) {
                s.setString(1, key.id());
                s.setInt(2, i);
                s.setString(3, key.models().get(i));
                s.executeUpdate();
            }
        }
    }

    private static void revoke(Connection c, String id, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
            s.setLong(1, at.toEpochMilli());
            s.setString(2, id);
            if (s.executeUpdate() == 0) {
                throw new GatewayException(new GatewayError(ErrorKind.INVALID_REQUEST,
                        "The API key " + id + " does not exist or is already revoked.", "key_revoked", null, null));
            }
        }
    }

    private static void bumpGeneration(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE store_meta SET int_value = int_value + 1 WHERE name = 'key_generation'")) {
            s.executeUpdate();
        }
    }

    private static void setText(PreparedStatement s, int index, String value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.VARCHAR);
        } else {
            s.setString(index, value);
        }
    }

    private static void setInteger(PreparedStatement s, int index, Integer value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.INTEGER);
        } else {
            s.setInt(index, value);
        }
    }

    private static void setDecimal(PreparedStatement s, int index, Double value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.DOUBLE);
        } else {
            s.setDouble(index, value);
        }
    }

    private static void setMillis(PreparedStatement s, int index, Instant value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.BIGINT);
        } else {
            s.setLong(index, value.toEpochMilli());
        }
    }
}
