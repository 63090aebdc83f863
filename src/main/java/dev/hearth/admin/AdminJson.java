package dev.hearth.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.hearth.audit.AuditRecord;
import dev.hearth.auth.ApiKey;
import dev.hearth.auth.IssuedKey;
import dev.hearth.auth.Quota;
import dev.hearth.json.Json;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The admin API's response bodies. A key's secret appears only in {@link #issued}, the once-only answer. */
final class AdminJson {
    private AdminJson() {}

    static Buffer keys(List<ApiKey> keys, Instant now) {
        return Json.write(gen -> {
            gen.writeStartObject();
            gen.writeArrayFieldStart("data");
            for (ApiKey key : keys) {
                key(gen, key, now);
            }
            gen.writeEndArray();
            gen.writeEndObject();
        });
    }

    static Buffer key(ApiKey key, Instant now) {
        return Json.write(gen -> key(gen, key, now));
    }

    /** The new key, shown this once, with its record. */
    static Buffer issued(IssuedKey issued, Instant now) {
        return Json.write(gen -> {
            gen.writeStartObject();
            gen.writeStringField("key", issued.secret().reveal());
            gen.writeFieldName("record");
            key(gen, issued.key(), now);
            gen.writeStringField("note", "This is the only time the key is shown; store it now.");
            gen.writeEndObject();
        });
    }

    static Buffer records(List<AuditRecord> records) {
        return Json.write(gen -> {
            gen.writeStartObject();
            gen.writeArrayFieldStart("data");
            for (AuditRecord record : records) {
                gen.writeStartObject();
                gen.writeStringField("node", record.node());
                gen.writeNumberField("seq", record.seq());
                gen.writeStringField("time", Instant.ofEpochMilli(record.ts()).toString());
                gen.writeStringField("kind", record.kind());
                gen.writeFieldName("body");
                gen.writeRawValue(record.body());
                gen.writeStringField("prev", record.prev());
                gen.writeStringField("hash", record.hash());
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeEndObject();
        });
    }

    private static void key(JsonGenerator gen, ApiKey key, Instant now) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("id", key.id());
        gen.writeStringField("prefix", key.displayPrefix());
        gen.writeStringField("name", key.name());
        gen.writeStringField("owner", key.owner());
        gen.writeStringField("team", key.team());
        gen.writeStringField("role", key.role().wire());
        gen.writeArrayFieldStart("models");
        for (String model : key.models()) {
            gen.writeString(model);
        }
        gen.writeEndArray();
        Quota quota = key.quota();
        writeNumber(gen, "rpm", quota.rpm());
        writeNumber(gen, "tpm", quota.tpm());
        writeNumber(gen, "budget_daily_usd", quota.dailyUsd());
        writeNumber(gen, "budget_monthly_usd", quota.monthlyUsd());
        if (key.egress() == null) {
            gen.writeNullField("egress");
        } else {
            gen.writeArrayFieldStart("egress");
            for (String dataClass : key.egress()) {
                gen.writeString(dataClass);
            }
            gen.writeEndArray();
        }
        gen.writeStringField("created", key.created().toString());
        gen.writeStringField("expires", key.expires() == null ? null : key.expires().toString());
        gen.writeStringField("revoked", key.revoked() == null ? null : key.revoked().toString());
        gen.writeStringField("status", key.status(now));
        gen.writeEndObject();
    }

    private static void writeNumber(JsonGenerator gen, String field, Number value) throws IOException {
        if (value == null) {
            gen.writeNullField(field);
        } else if (value instanceof Integer whole) {
            gen.writeNumberField(field, whole);
        } else {
            gen.writeNumberField(field, value.doubleValue());
        }
    }

    /** Settled spend per scope ({@code key:...}, {@code team:...}, {@code user:...}) in one period. */
    static Buffer usage(String period, Map<String, Long> settled) {
        return Json.write(gen -> {
            gen.writeStartObject();
            gen.writeStringField("period", period);
            gen.writeArrayFieldStart("usage");
            for (Map.Entry<String, Long> entry : settled.entrySet()) {
                String scope = entry.getKey().substring(0, entry.getKey().lastIndexOf('|'));
                gen.writeStartObject();
                gen.writeStringField("scope", scope);
                gen.writeNumberField("micro_usd", entry.getValue());
                gen.writeNumberField("usd", entry.getValue() / 1_000_000.0);
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeEndObject();
        });
    }

    /** Limits set through the admin API: {@code {"teams": [{"name", "rpm", "tpm", ...}]}} (or {@code users}). */
    static Buffer limits(String field, Map<String, Quota> teams) {
        return Json.write(gen -> {
            gen.writeStartObject();
            gen.writeArrayFieldStart(field);
            for (Map.Entry<String, Quota> team : teams.entrySet()) {
                gen.writeStartObject();
                gen.writeStringField("name", team.getKey());
                writeNumber(gen, "rpm", team.getValue().rpm());
                writeNumber(gen, "tpm", team.getValue().tpm());
                writeNumber(gen, "budget_daily_usd", team.getValue().dailyUsd());
                writeNumber(gen, "budget_monthly_usd", team.getValue().monthlyUsd());
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeEndObject();
        });
    }
}
