package dev.hearth.privacy.secret;

import dev.hearth.privacy.Recognizer;
import dev.hearth.privacy.Span;
import dev.hearth.privacy.SpanTypes;
import dev.hearth.privacy.text.Entropy;
import dev.hearth.privacy.text.Phrases;
import dev.hearth.privacy.text.Placeholders;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code AWS_SECRET_ACCESS_KEY}: 40 base64 chars with high entropy that follow an AWS secret cue
 * ({@code aws_secret_access_key}, {@code SecretAccessKey}, "AWS secret") within 8 chars, as in credentials files,
 * environment exports and JSON. The key has no prefix of its own, so the cue is required. Documentation's
 * {@code ...EXAMPLEKEY} is not reported. Stateless, thread-safe.
 */
public final class AwsSecretKeyRecognizer implements Recognizer {
    private static final Phrases CUES = Phrases.ignoringCase("aws_secret_access_key", "secret_access_key",
            "secretaccesskey", "aws_secret_key", "aws-secret-access-key", "aws secret access key", "aws secret key",
            "aws secret", "aws_secret");
    private static final Pattern VALUE = Pattern.compile("(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])");

    @Override
    public List<Span> find(CharSequence text) {
        List<Span> out = new ArrayList<>();
        Matcher m = VALUE.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        CUES.forEach(text, (cueStart, cueEnd) -> {
            m.region(cueEnd, Math.min(text.length(), cueEnd + 8 + 40));
            if (m.find() && m.start() - cueEnd <= 8) {
                String value = m.group();
                if (Entropy.shannon(value) >= 4.0 && !Placeholders.isPlaceholder(value)) {
                    out.add(new Span(SpanTypes.AWS_SECRET_ACCESS_KEY, m.start(), m.end()));
                }
            }
        });
        return out;
    }

    @Override
    public Set<String> types() {
        return Set.of(SpanTypes.AWS_SECRET_ACCESS_KEY);
    }
}
