package dev.hearth.privacy.pii;

import dev.hearth.privacy.Recognizer;
import dev.hearth.privacy.Span;
import dev.hearth.privacy.SpanTypes;
import dev.hearth.privacy.text.Phrases;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code DATE_OF_BIRTH}: a calendar date that follows a birth cue ("DOB", "date of birth", "born", "birthday",
 * "Geburtsdatum", "fecha de nacimiento", ...) within 32 chars. Dates on their own are everywhere (invoices, logs) and
 * are not reported. Formats: ISO {@code 1985-03-12}, numeric {@code 12/03/1985}, {@code 03.12.85}, and spelled
 * months ({@code 12 March 1985}, {@code March 12th, 1985}, {@code Mar 12 1985}). Month 1-12, day 1-31, year
 * 1900-2099 or two digits. The span is the date only. Stateless, thread-safe.
 */
public final class DateOfBirthRecognizer implements Recognizer {
    private static final int WINDOW = 32;
    private static final String MONTH = "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?"
            + "|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";
    private static final Pattern DATE = Pattern.compile("(?i)(?<![0-9A-Za-z])(?:"
            + "(?<iy>(?:19|20)[0-9]{2})-(?<im>[0-9]{1,2})-(?<id>[0-9]{1,2})"
            + "|(?<na>[0-9]{1,2})([/.-])(?<nb>[0-9]{1,2})\\5(?<ny>(?:19|20)?[0-9]{2})"
            + "|(?<sd>[0-9]{1,2})(?:st|nd|rd|th)?(?: of)? " + MONTH + "\\.?,? (?<sy>(?:19|20)[0-9]{2})"
            + "|" + MONTH + "\\.? (?<md>[0-9]{1,2})(?:st|nd|rd|th)?,? (?<my>(?:19|20)[0-9]{2})"
            + ")(?![0-9A-Za-z])");
    private static final Phrases CUES = Phrases.ignoringCase("dob", "d.o.b", "d.o.b.", "date of birth", "birth date",
            "birthdate", "birthday", "born", "born on", "geburtsdatum", "geb.", "geboren", "geboren am",
            "fecha de nacimiento", "date de naissance", "né le", "née le", "data di nascita");

    @Override
    public List<Span> find(CharSequence text) {
        List<Span> out = new ArrayList<>();
        Matcher m = DATE.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        CUES.forEach(text, (cueStart, cueEnd) -> {
            m.region(cueEnd, Math.min(text.length(), cueEnd + WINDOW + 24));
            if (m.find() && m.start() - cueEnd <= WINDOW && sameClause(text, cueEnd, m.start()) && plausible(m)) {
                out.add(new Span(SpanTypes.DATE_OF_BIRTH, m.start(), m.end()));
            }
        });
        return out;
    }

    @Override
    public Set<String> types() {
        return Set.of(SpanTypes.DATE_OF_BIRTH);
    }

    /** "born to run, released 1975-08-25": a clause break between cue and date means the date is about something else. */
    private static boolean sameClause(CharSequence text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (".;,!?\n".indexOf(text.charAt(i)) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean plausible(Matcher m) {
        if (m.group("iy") != null) {
            return month(m.group("im")) && day(m.group("id"));
        }
        if (m.group("na") != null) {
            int a = Integer.parseInt(m.group("na"));
            int b = Integer.parseInt(m.group("nb"));
            // day/month or month/day: one of the two readings must be a real date
            return (a >= 1 && a <= 12 && b >= 1 && b <= 31) || (b >= 1 && b <= 12 && a >= 1 && a <= 31);
        }
        if (m.group("sd") != null) {
            return day(m.group("sd"));
        }
        return day(m.group("md"));
    }

    private static boolean month(String value) {
        int month = Integer.parseInt(value);
        return month >= 1 && month <= 12;
    }

    private static boolean day(String value) {
        int day = Integer.parseInt(value);
        return day >= 1 && day <= 31;
    }
}
