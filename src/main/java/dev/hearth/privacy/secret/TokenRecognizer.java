package dev.hearth.privacy.secret;

import dev.hearth.privacy.Recognizer;
import dev.hearth.privacy.Span;
import dev.hearth.privacy.text.Chars;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Vendor credentials with a fixed prefix ({@link TokenRules}): AWS access key ids, GCP API keys, GitHub, GitLab,
 * Slack, Stripe, OpenAI, Anthropic, Google OAuth, Twilio, SendGrid and npm tokens.
 *
 * <p>Each prefix is located with {@link String#indexOf}, then the rule's pattern is tried once, anchored there, on a
 * region no longer than the rule's maximum; the token must not be glued to other token characters on either side,
 * and its random part must look random (Shannon entropy) and not be a placeholder ({@code ghp_xxxx...},
 * {@code AKIA...EXAMPLE}). Linear in the text length. Stateless, thread-safe.
 */
public final class TokenRecognizer implements Recognizer {
    private final List<TokenRule> rules;
    private final Set<String> types;

    public TokenRecognizer() {
        this(TokenRules.all());
    }

    TokenRecognizer(List<TokenRule> rules) {
        this.rules = List.copyOf(rules);
        Set<String> all = new LinkedHashSet<>();
        rules.forEach(rule -> all.add(rule.type()));
        this.types = Set.copyOf(all);
    }

    @Override
    public List<Span> find(CharSequence text) {
        String s = text.toString();
        List<Span> out = new ArrayList<>();
        for (TokenRule rule : rules) {
            Matcher m = null; // made only once a prefix occurs: most texts hold none of the rules' prefixes
            for (String prefix : rule.prefixes()) {
                int at = s.indexOf(prefix);
                while (at >= 0) {
                    int next = at + 1;
                    if (at == 0 || !Chars.isTokenChar(s.charAt(at - 1))) {
                        if (m == null) {
                            m = rule.token().matcher(s).useTransparentBounds(true).useAnchoringBounds(false);
                        }
                        m.region(at, Math.min(s.length(), at + rule.maxLength()));
                        if (m.lookingAt() && (m.end() == s.length() || !Chars.isTokenChar(s.charAt(m.end())))
                                && rule.check().test(m.group())) {
                            out.add(new Span(rule.type(), at, m.end()));
                            next = m.end();
                        }
                    }
                    at = s.indexOf(prefix, next);
                }
            }
        }
        return out;
    }

    @Override
    public Set<String> types() {
        return types;
    }
}
