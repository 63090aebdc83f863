package dev.hearth.privacy.pii;

import dev.hearth.privacy.Recognizer;
import dev.hearth.privacy.Span;
import dev.hearth.privacy.SpanTypes;
import dev.hearth.privacy.text.Chars;
import dev.hearth.privacy.text.Placeholders;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * URLs that carry a password, found from each {@code ://} with bounded scans:
 * <ul>
 *   <li>{@code CONNECTION_STRING}: a database or broker scheme (postgres, mysql, mongodb+srv, redis, amqp, ...,
 *       also behind {@code jdbc:}) with {@code user:password@} in the authority or a {@code password=}/{@code pwd=}
 *       parameter ({@code jdbc:sqlserver://db;user=sa;password=...});</li>
 *   <li>{@code URL_WITH_CREDENTIALS}: any other scheme with {@code user:password@host}.</li>
 * </ul>
 * The span is the whole URL (trailing sentence punctuation excluded), since host and database name identify the
 * target of the credential. Placeholder passwords ({@code ${DB_PASSWORD}}, {@code <password>}, {@code changeme},
 * {@code ****}) are not reported. Stateless, thread-safe.
 */
public final class UrlCredentialsRecognizer implements Recognizer {
    private static final int MAX_SCHEME = 24;
    private static final int MAX_URL = 2048;
    private static final Set<String> DATABASE_SCHEMES = Set.of("postgres", "postgresql", "mysql", "mariadb",
            "mongodb", "mongodb+srv", "redis", "rediss", "amqp", "amqps", "mssql", "sqlserver", "oracle", "db2",
            "cockroachdb", "clickhouse", "cassandra", "neo4j", "neo4j+s", "bolt", "couchbase", "couchbases",
            "memcached", "elasticsearch", "snowflake", "sqlite", "h2", "kafka", "nats", "mqtt", "ldap", "ldaps");

    @Override
    public List<Span> find(CharSequence text) {
        String s = text.toString();
        List<Span> out = new ArrayList<>();
        int sep = s.indexOf("://");
        while (sep >= 0) {
            int next = scan(s, sep, out);
            sep = s.indexOf("://", Math.max(next, sep + 3));
        }
        return out;
    }

    @Override
    public Set<String> types() {
        return Set.of(SpanTypes.CONNECTION_STRING, SpanTypes.URL_WITH_CREDENTIALS);
    }

    /** Looks at the URL whose "://" is at {@code sep}; returns where scanning may continue. */
    private static int scan(String s, int sep, List<Span> out) {
        int start = sep;
        while (start > 0 && sep - start < MAX_SCHEME && isSchemeChar(s.charAt(start - 1))) {
            start--;
        }
        if (start == sep || !Chars.isAsciiLetter(s.charAt(start))) {
            return sep + 3;
        }
        String scheme = s.substring(start, sep).toLowerCase(Locale.ROOT);
        boolean jdbc = start >= 5 && s.regionMatches(true, start - 5, "jdbc:", 0, 5);
        if (jdbc) {
            start -= 5;
        }
        if (start > 0 && Chars.isAsciiAlnum(s.charAt(start - 1))) {
            return sep + 3;
        }
        int end = urlEnd(s, sep + 3);
        boolean database = jdbc || DATABASE_SCHEMES.contains(scheme);
        if (hasUserInfoPassword(s, sep + 3, end) || (database && hasPasswordParameter(s, sep + 3, end))) {
            String type = database ? SpanTypes.CONNECTION_STRING : SpanTypes.URL_WITH_CREDENTIALS;
            out.add(new Span(type, start, end));
        }
        return end;
    }

    private static int urlEnd(String s, int from) {
        int end = from;
        int limit = Math.min(s.length(), from + MAX_URL);
        while (end < limit && !endsUrl(s.charAt(end))) {
            end++;
        }
        while (end > from && ".,;:!?)]}'\"".indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return end;
    }

    private static boolean endsUrl(char c) {
        return Chars.isSpace(c) || c == '"' || c == '\'' || c == '<' || c == '>' || c == '`' || c == '\\'
                || c < ' ';
    }

    /** {@code user:password@} before the first '/', '?' or '#', with a real (non-placeholder) password. */
    private static boolean hasUserInfoPassword(String s, int from, int end) {
        int authorityEnd = from;
        while (authorityEnd < end && "/?#".indexOf(s.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        int at = s.lastIndexOf('@', authorityEnd - 1);
        if (at < from) {
            return false;
        }
        int colon = s.indexOf(':', from);
        if (colon < 0 || colon >= at) { // an empty user (redis://:password@host) is fine
            return false;
        }
        return realPassword(s.substring(colon + 1, at));
    }

    private static boolean hasPasswordParameter(String s, int from, int end) {
        String lower = s.substring(from, end).toLowerCase(Locale.ROOT);
        for (String key : new String[] {"password=", "pwd=", "pass="}) {
            int at = lower.indexOf(key);
            while (at >= 0) {
                boolean keyStart = at == 0 || ";?&/".indexOf(lower.charAt(at - 1)) >= 0;
                int valueStart = at + key.length();
                int valueEnd = valueStart;
                while (valueEnd < lower.length() && ";&".indexOf(lower.charAt(valueEnd)) < 0) {
                    valueEnd++;
                }
                if (keyStart && realPassword(s.substring(from + valueStart, from + valueEnd))) {
                    return true;
                }
                at = lower.indexOf(key, at + 1);
            }
        }
        return false;
    }

    private static boolean realPassword(String password) {
        return !password.isEmpty() && !Placeholders.isPlaceholder(password);
    }

    private static boolean isSchemeChar(char c) {
        return Chars.isAsciiAlnum(c) || c == '+' || c == '.' || c == '-';
    }
}
