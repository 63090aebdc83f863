package dev.hearth.config;

import dev.hearth.config.ConfigNode.Origin;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${VAR}} and {@code ${VAR:-default}} in a scalar's text from an environment map.
 *
 * <p>{@code ${VAR}} takes the variable's value (even an empty one) and is an error when the variable is not
 * set. {@code ${VAR:-default}} takes the default when the variable is unset or empty, like a POSIX shell.
 * The default is literal text and ends at the first {@code }}. Error messages name variables, never values.
 */
final class EnvSubstitution {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern WHOLE_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");

    /** One {@code ${...}} reference; {@code fallback} is null when no {@code :-} default was written. */
    record Reference(String variable, String fallback) {
    }

    private EnvSubstitution() {
    }

    static boolean hasReference(String text) {
        return text.contains("${");
    }

    /** The text with every reference replaced; {@code origin} locates errors. */
    static String apply(String text, Map<String, String> env, Origin origin) {
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        int start;
        while ((start = text.indexOf("${", from)) >= 0) {
            int end = text.indexOf('}', start);
            if (end < 0) {
                throw origin.problem("unterminated \"${\" (write ${VAR} or ${VAR:-default})");
            }
            Reference reference = parse(text.substring(start + 2, end), origin);
            out.append(text, from, start).append(resolve(reference, env, origin));
            from = end + 1;
        }
        return out.append(text.substring(from)).toString();
    }

    /**
     * The reference when the whole text is exactly one well-formed {@code ${...}}, as an API key must be;
     * empty otherwise. Never throws, so that a mistyped key is not echoed in an error.
     */
    static Optional<Reference> whole(String text) {
        Matcher m = WHOLE_REFERENCE.matcher(text);
        return m.matches() ? Optional.of(new Reference(m.group(1), m.group(3))) : Optional.empty();
    }

    /** The variable's value, or its fallback; an unset variable without fallback is an error. */
    static String resolve(Reference reference, Map<String, String> env, Origin origin) {
        String value = env.get(reference.variable());
        if (reference.fallback() != null) {
            return value == null || value.isEmpty() ? reference.fallback() : value;
        }
        if (value == null) {
            throw origin.problem("environment variable " + reference.variable() + " is not set (write ${"
                    + reference.variable() + ":-default} to give it a default)");
        }
        return value;
    }

    private static Reference parse(String inside, Origin origin) {
        int separator = inside.indexOf(":-");
        String variable = separator < 0 ? inside : inside.substring(0, separator);
        if (!NAME.matcher(variable).matches()) {
            throw origin.problem("\"${" + inside + "}\" is not a variable reference (write ${VAR} or ${VAR:-default}, "
                    + "VAR made of letters, digits and _)");
        }
        return new Reference(variable, separator < 0 ? null : inside.substring(separator + 2));
    }
}
