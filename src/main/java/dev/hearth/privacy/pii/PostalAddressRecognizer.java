package dev.hearth.privacy.pii;

import dev.hearth.privacy.Recognizer;
import dev.hearth.privacy.Span;
import dev.hearth.privacy.SpanTypes;
import dev.hearth.privacy.text.Anchors;
import dev.hearth.privacy.text.Chars;
import dev.hearth.privacy.text.Phrases;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POSTAL_ADDRESS}, three shapes:
 * <ul>
 *   <li>English: house number, one to three capitalised or ordinal words, a street suffix (Street, Ave, Rd, Lane,
 *       Close, ...), then optionally a unit, {@code , City}, a two-letter state and a US ZIP or UK postcode:
 *       {@code 221B Baker Street, London NW1 6XE}, {@code 1600 Pennsylvania Ave NW, Washington, DC 20500};</li>
 *   <li>German: street name ending in -straße, -weg, -platz, ... and a house number, optionally
 *       {@code , 10115 Berlin};</li>
 *   <li>a US ZIP or UK postcode alone, only right after a cue ("ZIP", "postcode", "postal code").</li>
 * </ul>
 * The span covers the whole address that was recognised. All repetitions are bounded. Stateless, thread-safe.
 */
public final class PostalAddressRecognizer implements Recognizer {
    private static final String WORD = "(?:[0-9]{1,3}(?:st|nd|rd|th)|\\p{Lu}[\\p{Ll}']{1,20})";
    private static final String SUFFIX = "(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct"
            + "|Place|Pl|Terrace|Way|Parkway|Pkwy|Highway|Hwy|Circle|Cir|Square|Sq|Close|Crescent|Gardens|Grove|Row"
            + "|Mews|Trail|Alley|Plaza|Walk)";
    private static final int MAX_ADDRESS = 160;
    private static final String[] GERMAN_SUFFIXES = {"straße", "strasse", "str.", "weg", "platz", "allee", "gasse",
        "ring", "damm", "ufer"};
    private static final String[] GERMAN_NOUNS = {"Straße", "Strasse", "Weg", "Platz", "Allee", "Gasse", "Ring"};
    private static final String UK_POSTCODE = "[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}";
    private static final String ZIP = "[0-9]{5}(?:-[0-9]{4})?";
    private static final Pattern ENGLISH = Pattern.compile("(?<![0-9A-Za-z])[0-9]{1,5}[A-Za-z]?(?:-[0-9]{1,4})?,? "
            + "(?:(?:N|S|E|W|North|South|East|West)\\.? )?(?:" + WORD + " ){1,3}" + SUFFIX + "\\b\\.?"
            + "(?: (?:N|S|E|W|NE|NW|SE|SW)\\b)?"
            + "(?:,? (?:Apt|Apartment|Suite|Ste|Unit|Flat|Floor|Fl|Room)\\.? ?#?[0-9A-Za-z-]{1,6}|,? #[0-9A-Za-z-]{1,6})?"
            + "(?:(?:, ?|,?\\n)\\p{Lu}\\p{Ll}{1,20}(?: \\p{Lu}\\p{Ll}{1,20}){0,2})?"
            + "(?:,? [A-Z]{2}(?![A-Za-z0-9]))?"
            + "(?:(?:,? |\\n)(?:" + ZIP + "|" + UK_POSTCODE + ")(?![0-9A-Za-z]))?");
    private static final Pattern GERMAN = Pattern.compile("(?<![\\p{L}])(?:\\p{Lu}\\p{Ll}{1,25}(?:straße|strasse|str\\."
            + "|weg|platz|allee|gasse|ring|damm|ufer)|\\p{Lu}\\p{Ll}{2,25} (?:Straße|Strasse|Weg|Platz|Allee|Gasse|Ring))"
            + " [0-9]{1,4}[a-z]?(?![0-9A-Za-z])(?:,? [0-9]{5} \\p{Lu}\\p{Ll}{2,25})?");
    private static final Pattern CODE_ONLY = Pattern.compile("(?:" + ZIP + "|" + UK_POSTCODE + "|[0-9]{5})(?![0-9A-Za-z])");
    private static final Phrases CODE_CUES = Phrases.ignoringCase("zip", "zip code", "zipcode", "postcode",
            "post code", "postal code", "plz", "postleitzahl", "code postal");

    @Override
    public List<Span> find(CharSequence text) {
        List<Span> out = new ArrayList<>();
        Matcher english = Anchors.transparent(ENGLISH.matcher(text));
        Anchors.digitRuns(text, "", 1, 1, at -> {
            if (streetMayFollow(text, at) && Anchors.matchAt(english, text, at, MAX_ADDRESS)) {
                out.add(new Span(SpanTypes.POSTAL_ADDRESS, english.start(), english.end()));
            }
        });
        Matcher german = Anchors.transparent(GERMAN.matcher(text));
        for (int i = 0; i < text.length(); i++) {
            if (Character.isUpperCase(text.charAt(i)) && (i == 0 || !Character.isLetter(text.charAt(i - 1)))
                    && germanStreetWord(text, i) && Anchors.matchAt(german, text, i, MAX_ADDRESS)) {
                out.add(new Span(SpanTypes.POSTAL_ADDRESS, german.start(), german.end()));
                i = german.end() - 1;
            }
        }
        Matcher code = CODE_ONLY.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        CODE_CUES.forEach(text, (cueStart, cueEnd) -> {
            int from = cueEnd;
            while (from < text.length() && from - cueEnd < 4 && " :#\t".indexOf(text.charAt(from)) >= 0) {
                from++;
            }
            code.region(from, Math.min(text.length(), from + 10));
            if (code.lookingAt()) {
                out.add(new Span(SpanTypes.POSTAL_ADDRESS, code.start(), code.end()));
            }
        });
        return out;
    }

    /**
     * Cheap test before the English pattern: within 12 chars the number is followed by a space and a capital, or by
     * an ordinal street name ("5th"), the only way the pattern lets a digit follow the house number.
     */
    private static boolean streetMayFollow(CharSequence text, int at) {
        int limit = Math.min(text.length() - 1, at + 12);
        for (int i = at + 1; i < limit; i++) {
            char c = text.charAt(i);
            if (c == ' ') {
                char next = text.charAt(i + 1);
                return Character.isUpperCase(next) || ordinalAt(text, i + 1);
            }
            if (!Character.isLetterOrDigit(c) && c != '-' && c != ',') {
                return false;
            }
        }
        return false;
    }

    /** 1 to 3 ASCII digits and then st, nd, rd or th, as {@code WORD} spells an ordinal. */
    private static boolean ordinalAt(CharSequence text, int at) {
        int i = at;
        while (i < text.length() && i - at < 3 && Chars.isAsciiDigit(text.charAt(i))) {
            i++;
        }
        if (i == at || i + 1 >= text.length()) {
            return false;
        }
        String suffix = "" + text.charAt(i) + text.charAt(i + 1);
        return suffix.equals("st") || suffix.equals("nd") || suffix.equals("rd") || suffix.equals("th");
    }

    /**
     * Cheap test before the German pattern: the word ends like a street, or the next word is a street noun. Compares
     * in place, without copying the word: this runs at every capitalised word.
     */
    private static boolean germanStreetWord(CharSequence text, int start) {
        int end = start;
        while (end < text.length() && end - start < 40 && Character.isLetter(text.charAt(end))) {
            end++;
        }
        for (String suffix : GERMAN_SUFFIXES) {
            String letters = suffix.endsWith(".") ? suffix.substring(0, suffix.length() - 1) : suffix;
            if (endsWithIgnoringCase(text, start, end, letters)) {
                return true;
            }
        }
        if (end + 1 < text.length() && text.charAt(end) == ' ') {
            for (String noun : GERMAN_NOUNS) {
                if (text.length() - end - 1 >= noun.length() && startsWith(text, end + 1, noun)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean endsWithIgnoringCase(CharSequence text, int start, int end, String lower) {
        if (end - start < lower.length()) {
            return false;
        }
        for (int i = 0, at = end - lower.length(); i < lower.length(); i++, at++) {
            if (Character.toLowerCase(text.charAt(at)) != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(CharSequence text, int at, String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            if (text.charAt(at + i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Set<String> types() {
        return Set.of(SpanTypes.POSTAL_ADDRESS);
    }
}
