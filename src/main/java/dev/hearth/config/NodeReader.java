package dev.hearth.config;

import dev.hearth.config.ConfigNode.Kind;
import dev.hearth.config.ConfigNode.Mapping;
import dev.hearth.config.ConfigNode.Scalar;
import dev.hearth.config.ConfigNode.Sequence;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads one {@link ConfigNode} as a typed value, strictly: the YAML type must match (a quoted {@code "8080"}
 * is not a port), and nothing is rounded, clamped or case-folded. A value that came through a
 * {@code ${VAR}} reference is parsed from its substituted text, and is shown in errors by its reference,
 * never by its value. Every failure is a {@link ConfigException} located at the node.
 */
final class NodeReader {

    private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+");
    private static final int SHOWN_CHARACTERS = 60;

    private final Map<String, String> env;

    NodeReader(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** A mapping whose keys must all be in {@code keys} (an unknown key fails, with a suggestion if one is near). */
    Section section(ConfigNode node, List<String> keys) {
        return new Section(mapping(node), keys, this);
    }

    Mapping mapping(ConfigNode node) {
        if (node instanceof Mapping mapping) {
            return mapping;
        }
        throw expected(node, "a mapping of keys to values");
    }

    List<ConfigNode> list(ConfigNode node) {
        if (node instanceof Sequence sequence) {
            return sequence.items();
        }
        throw expected(node, "a list");
    }

    /** Text that is not blank; numbers are taken as written (models like {@code 4} are names too). */
    String string(ConfigNode node) {
        Scalar scalar = scalar(node, "a string");
        if (scalar.kind() == Kind.BOOLEAN) {
            throw expected(node, "a string (quote it if you mean the text)");
        }
        String text = resolve(scalar);
        if (text.isBlank()) {
            throw scalar.origin().problem("must not be empty");
        }
        return text;
    }

    long integer(ConfigNode node, long min, long max) {
        Scalar scalar = scalar(node, "an integer");
        String text = resolve(scalar);
        if ((!isSubstituted(scalar) && scalar.kind() != Kind.INTEGER) || !DECIMAL.matcher(text).matches()) {
            throw expected(node, "an integer");
        }
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException tooLarge) {
            value = text.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        if (value < min || value > max) {
            boolean unbounded = max == Integer.MAX_VALUE || max == Long.MAX_VALUE;
            String range = value < min && unbounded ? "must be " + min + " or more"
                    : "must be between " + min + " and " + max;
            throw scalar.origin().problem(range + ", got " + shown(scalar));
        }
        return value;
    }

    /** A number written as an integer or a decimal, within {@code min..max} inclusive. */
    double decimal(ConfigNode node, double min, double max) {
        Scalar scalar = scalar(node, "a number");
        String text = resolve(scalar);
        boolean number = isSubstituted(scalar) || scalar.kind() == Kind.INTEGER || scalar.kind() == Kind.FLOAT;
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException notNumber) {
            throw expected(node, "a number");
        }
        if (!number || Double.isNaN(value)) {
            throw expected(node, "a number");
        }
        if (value < min || value > max) {
            throw scalar.origin().problem("must be between " + min + " and " + max + ", got " + shown(scalar));
        }
        return value;
    }

    boolean bool(ConfigNode node) {
        Scalar scalar = scalar(node, "true or false");
        String text = resolve(scalar);
        boolean typed = isSubstituted(scalar) || scalar.kind() == Kind.BOOLEAN;
        if (typed && (text.equals("true") || text.equals("false"))) {
            return text.equals("true");
        }
        throw expected(node, "true or false");
    }

    /**
     * An absolute URL with one of {@code schemes} and a host ({@code expected} describes it for the error). Credentials in it ({@code user:password@}) are refused
     * before anything could echo them: {@code credentialsHint} says where they belong instead.
     */
    URI url(ConfigNode node, List<String> schemes, String expected, String credentialsHint) {
        String text = string(node);
        if (hasUserInfo(text)) {
            throw node.origin().problem("must not contain credentials (user:password@); " + credentialsHint);
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw expected(node, expected);
        }
        if (uri.getScheme() == null || !schemes.contains(uri.getScheme()) || uri.getHost() == null
                || uri.getPort() > 65535) {
            throw expected(node, expected);
        }
        return uri;
    }

    static boolean hasUserInfo(String url) {
        int authority = url.indexOf("://");
        int start = authority < 0 ? 0 : authority + 3;
        int end = url.indexOf('/', start);
        return url.substring(start, end < 0 ? url.length() : end).contains("@");
    }

    /** A duration of at least {@code min}; see {@link Units} for the notation. */
    Duration duration(ConfigNode node, Duration min) {
        Scalar scalar = scalar(node, "a duration like \"30s\"");
        Duration value = Units.duration(resolve(scalar)).orElseThrow(() -> expected(node, "a duration like \"30s\""));
        if (value.compareTo(min) < 0) {
            throw scalar.origin().problem("must be at least " + Units.format(min) + ", got " + shown(scalar));
        }
        return value;
    }

    /** A positive size in bytes; see {@link Units} for the notation. */
    long size(ConfigNode node) {
        Scalar scalar = scalar(node, "a size like \"32MB\"");
        long value = Units.size(resolve(scalar))
                .orElseThrow(() -> expected(node, "a size like \"32MB\" (bytes, or KB, MB, GB)"));
        if (value <= 0) {
            throw scalar.origin().problem("must be more than 0 bytes, got " + shown(scalar));
        }
        return value;
    }

    /**
     * An API key: exactly one {@code ${VAR}} reference, or {@code ${VAR:-}} for a key that may be absent (then
     * null, as for a blank value). A key written in the file, a non-empty default, or an unset or blank
     * {@code ${VAR}} is refused; messages never show the written text, in case it is a key.
     */
    Secret secret(ConfigNode node) {
        String rule = "a ${VAR} reference (API keys are read from the environment, never written in the file)";
        if (!(node instanceof Scalar scalar) || scalar.kind() != Kind.STRING) {
            throw node.origin().problem("expected " + rule);
        }
        EnvSubstitution.Reference reference = EnvSubstitution.whole(scalar.text())
                .orElseThrow(() -> node.origin().problem("expected " + rule));
        String variable = reference.variable();
        if (reference.fallback() != null) {
            if (!reference.fallback().isEmpty()) {
                throw node.origin().problem("an API key cannot have a default written in the file; write ${"
                        + variable + ":-} to make the key optional");
            }
            String optional = env.get(variable);
            return optional == null || optional.isBlank() ? null : Secret.of(optional);
        }
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            String state = value == null ? " is not set" : " is empty";
            throw node.origin().problem("environment variable " + variable + state
                    + "; Hearth is strict and does not start a backend whose api-key reference is unresolved"
                    + " (set it, or write ${" + variable + ":-} if the backend needs no key)");
        }
        return Secret.of(value);
    }

    /** One of {@code names} exactly as written (no case-folding). */
    <E> E oneOf(ConfigNode node, Map<String, E> names) {
        E value = names.get(string(node));
        if (value == null) {
            throw expected(node, "one of " + String.join(", ", names.keySet()));
        }
        return value;
    }

    /** The text of a scalar with every {@code ${VAR}} resolved from the environment. */
    String resolve(Scalar scalar) {
        return isSubstituted(scalar) ? EnvSubstitution.apply(scalar.text(), env, scalar.origin()) : scalar.text();
    }

    ConfigException expected(ConfigNode node, String what) {
        return node.origin().problem("expected " + what + ", got " + shown(node));
    }

    /** How a value appears in a message: as written, and for substituted values only by their reference. */
    static String shown(ConfigNode node) {
        return switch (node) {
            case Mapping m -> "a mapping";
            case Sequence s -> "a list";
            case Scalar s when s.kind() == Kind.NULL -> "nothing";
            case Scalar s when isSubstituted(s) -> "the value of " + abbreviated(s.text());
            case Scalar s when s.kind() == Kind.STRING -> "\"" + abbreviated(s.text()) + "\"";
            case Scalar s -> abbreviated(s.text());
        };
    }

    private static Scalar scalar(ConfigNode node, String what) {
        if (node instanceof Scalar scalar && scalar.kind() != Kind.NULL) {
            return scalar;
        }
        throw node.origin().problem("expected " + what + ", got " + shown(node));
    }

    private static boolean isSubstituted(Scalar scalar) {
        return scalar.kind() == Kind.STRING && EnvSubstitution.hasReference(scalar.text());
    }

    private static String abbreviated(String text) {
        return text.length() <= SHOWN_CHARACTERS ? text : text.substring(0, SHOWN_CHARACTERS) + "...";
    }
}
