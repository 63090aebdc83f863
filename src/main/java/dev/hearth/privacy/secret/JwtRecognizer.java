package dev.hearth.privacy.secret;

import dev.hearth.privacy.Recognizer;
import dev.hearth.privacy.Span;
import dev.hearth.privacy.SpanTypes;
import dev.hearth.privacy.text.Chars;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code JWT}: three base64url parts separated by dots, whose first part decodes to a JSON object naming an
 * {@code "alg"}. Every JSON object's base64 starts with {@code eyJ} ("{\""), which locates candidates with
 * {@link String#indexOf}. The signature may be empty ({@code alg: none}). Parts are bounded (header 1 KB, payload
 * 8 KB, signature 1 KB). Stateless, thread-safe.
 */
public final class JwtRecognizer implements Recognizer {
    private static final Pattern TOKEN =
            Pattern.compile("eyJ[A-Za-z0-9_-]{5,1024}\\.[A-Za-z0-9_-]{4,8192}\\.[A-Za-z0-9_-]{0,1024}");
    private static final int MAX = 3 + 1024 + 1 + 8192 + 1 + 1024;

    @Override
    public List<Span> find(CharSequence text) {
        String s = text.toString();
        List<Span> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(s).useTransparentBounds(true).useAnchoringBounds(false);
        int at = s.indexOf("eyJ");
        while (at >= 0) {
            int next = at + 3;
            if (at == 0 || !(Chars.isTokenChar(s.charAt(at - 1)) || s.charAt(at - 1) == '.')) {
                m.region(at, Math.min(s.length(), at + MAX));
                if (m.lookingAt() && (m.end() == s.length() || !Chars.isTokenChar(s.charAt(m.end())))
                        && headerNamesAlg(s, at, s.indexOf('.', at))) {
                    out.add(new Span(SpanTypes.JWT, at, m.end()));
                    next = m.end();
                }
            }
            at = s.indexOf("eyJ", next);
        }
        return out;
    }

    @Override
    public Set<String> types() {
        return Set.of(SpanTypes.JWT);
    }

    private static boolean headerNamesAlg(String s, int from, int to) {
        String part = s.substring(from, to);
        int pad = (4 - part.length() % 4) % 4;
        if (pad == 3) {
            return false;
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(part + "==".substring(0, pad));
            String json = new String(bytes, StandardCharsets.UTF_8).strip();
            return json.startsWith("{") && json.endsWith("}") && json.contains("\"alg\"");
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }
}
