package dev.hearth.privacy.pii;

import dev.hearth.privacy.Recognizer;
import dev.hearth.privacy.Span;
import dev.hearth.privacy.SpanTypes;
import dev.hearth.privacy.text.Chars;
import dev.hearth.privacy.text.Phrases;
import dev.hearth.privacy.text.WordLists;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code PERSON}, from rules rather than a model (a local NER model can replace or join this later):
 * <ul>
 *   <li>a title (Mr, Mrs, Ms, Dr, Prof, ...) followed by one to three capitalised names: {@code Dr. Amal Haddad};</li>
 *   <li>a known given name (see {@code first-names.txt}) followed by a capitalised surname, with an optional middle
 *       initial or particle: {@code Maria van der Berg}, {@code John Q. Public};</li>
 *   <li>after a cue ("patient", "name:", "customer", ...) two or three capitalised names: {@code Patient Wei Zhang};</li>
 *   <li>a known given name alone right after a greeting or sign-off ("Dear", "Hi", "Thanks,").</li>
 * </ul>
 * The span is the name without the title. Words that often follow a given name but are not surnames (Street,
 * University, Inc, weekdays, ...) stop a match. Stateless, thread-safe.
 */
public final class PersonRecognizer implements Recognizer {
    private static final Set<String> FIRST_NAMES = new HashSet<>(WordLists.load("first-names.txt"));
    private static final Set<String> TITLES = Set.of("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Sir", "Dame",
            "Mister", "Madam", "Herr", "Frau", "Sr", "Sra", "Mme", "Mlle");
    private static final Set<String> NOT_NAMES = Set.of("The", "This", "That", "These", "Those", "And", "Or", "But",
            "Street", "Avenue", "Road", "Lane", "Drive", "Inc", "Ltd", "Llc", "Corp", "Company", "University",
            "College", "School", "Hospital", "Clinic", "Bank", "Airport", "Park", "County", "City", "State", "Day",
            "Portal", "Team", "Support", "Services", "Service", "Group", "Center", "Centre", "Medical", "Health",
            "Insurance", "Care", "Account", "Manager", "Please", "Thanks", "Thank", "Hello", "Dear", "Regards",
            "Name", "Number", "Date", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
            "January", "February", "March", "July", "August", "September", "October", "November", "December",
            "Is", "Was", "Has", "Had", "Will", "Can", "Could", "Should", "Would", "If", "When", "Then", "In", "On",
            "At", "To", "For", "From", "With", "By", "Of", "As", "It", "We", "You", "He", "She", "They", "I", "Our",
            "Your", "My", "His", "Her", "Their", "Not", "No", "Yes", "Id", "Information", "Record", "Records",
            "Safety", "Server", "Client", "Data", "Error", "Test", "Tests", "User", "Users", "Admin", "Foundation",
            "Institute", "Museum", "Church", "Hall", "Building", "Tower", "Station", "Square", "River", "Lake", "Customer",
            "Customers", "Sir", "Madam", "Everyone", "All", "Folks", "Guys", "Colleagues", "Friends", "Sirs", "Hiring",
            "There", "World", "Again");
    private static final Set<String> ORGANISATION_WORDS = Set.of("University", "College", "School", "Hospital",
            "Clinic", "Institute", "Foundation", "Inc", "Ltd", "Corp", "Company", "Bank", "Group", "Center", "Centre",
            "Museum", "Library", "Airport", "Stadium", "Street", "Avenue", "Road", "Bridge", "Park", "Award", "Prize");
    private static final Phrases GREETINGS = Phrases.ignoringCase("dear", "hi", "hello", "hey", "thanks", "thank you",
            "regards", "best", "cheers", "sincerely", "signed", "attn", "attn.", "attention", "cc", "ask", "tell",
            "love", "yours");
    private static final Phrases SALUTATIONS = Phrases.ignoringCase("dear", "hi", "hello", "hey", "good morning",
            "good afternoon", "good evening");
    private static final Phrases CUES = Phrases.ignoringCase("patient", "patient name", "pt", "pt.", "name",
            "full name", "client", "customer", "employee", "applicant", "insured", "beneficiary", "member name",
            "contact", "guardian", "next of kin", "emergency contact", "signed by", "prepared by", "author",
            "witness", "tenant", "landlord", "resident", "student", "candidate", "passenger", "cardholder");

    @Override
    public List<Span> find(CharSequence text) {
        List<Span> out = new ArrayList<>();
        int n = text.length();
        for (int i = 0; i < n; i++) {
            if (!Character.isUpperCase(text.charAt(i)) || !Chars.wordStart(text, i)) {
                continue;
            }
            int end = NameTokens.nameToken(text, i);
            if (end < 0) {
                continue;
            }
            String token = text.subSequence(i, end).toString();
            int matchEnd = TITLES.contains(token) ? afterTitle(text, end, out) : -1;
            if (matchEnd < 0 && FIRST_NAMES.contains(token)) {
                matchEnd = fromGivenName(text, i, end, out);
            }
            if (matchEnd < 0 && cueBefore(CUES, text, i)) {
                matchEnd = afterCue(text, i, out);
            }
            if (matchEnd < 0 && cueBefore(SALUTATIONS, text, i)) {
                matchEnd = addressed(text, i, end, out);
            }
            if (matchEnd > i) {
                i = matchEnd - 1;
            } else {
                i = end - 1;
            }
        }
        return out;
    }

    @Override
    public Set<String> types() {
        return Set.of(SpanTypes.PERSON);
    }

    private static int afterTitle(CharSequence text, int titleEnd, List<Span> out) {
        int i = titleEnd;
        if (i < text.length() && text.charAt(i) == '.') {
            i++;
        }
        int start = NameTokens.skipSpaces(text, i, 2);
        if (start == i) {
            return -1;
        }
        int end = nameRun(text, start, 3);
        if (end < 0) {
            return -1;
        }
        out.add(new Span(SpanTypes.PERSON, start, end));
        return end;
    }

    private static int fromGivenName(CharSequence text, int start, int givenEnd, List<Span> out) {
        int i = NameTokens.skipSpaces(text, givenEnd, 1);
        if (i > givenEnd) {
            i = NameTokens.skipInitial(text, i);
            i = NameTokens.skipParticles(text, i);
            int surnameEnd = NameTokens.nameToken(text, i);
            if (surnameEnd > 0 && isName(text, i, surnameEnd) && !organisationFollows(text, surnameEnd)) {
                out.add(new Span(SpanTypes.PERSON, start, surnameEnd));
                return surnameEnd;
            }
        }
        if (cueBefore(GREETINGS, text, start) || cueBefore(CUES, text, start)) {
            out.add(new Span(SpanTypes.PERSON, start, givenEnd));
            return givenEnd;
        }
        return -1;
    }

    /**
     * "Dear Olumide," / "Hi Tariq Aziz!": after a salutation, one or two capitalised names closed by a comma, an
     * exclamation mark or a line break are a name, known or not.
     */
    private static int addressed(CharSequence text, int start, int firstEnd, List<Span> out) {
        if (!isName(text, start, firstEnd)) {
            return -1;
        }
        int end = firstEnd;
        int i = NameTokens.skipSpaces(text, firstEnd, 1);
        int second = i > firstEnd ? NameTokens.nameToken(text, i) : -1;
        if (second > 0 && isName(text, i, second)) {
            end = second;
        }
        if (end < text.length() && ",!\n".indexOf(text.charAt(end)) < 0) {
            return -1;
        }
        out.add(new Span(SpanTypes.PERSON, start, end));
        return end;
    }

    /** "John Hopkins University", "Wells Fargo Bank": a name that is part of an organisation's name. */
    private static boolean organisationFollows(CharSequence text, int end) {
        int i = NameTokens.skipSpaces(text, end, 1);
        int next = i > end ? NameTokens.nameToken(text, i) : -1;
        return next > 0 && ORGANISATION_WORDS.contains(text.subSequence(i, next).toString());
    }

    private static int afterCue(CharSequence text, int start, List<Span> out) {
        int first = NameTokens.nameToken(text, start);
        if (first < 0 || !isName(text, start, first)) {
            return -1;
        }
        int i = NameTokens.skipSpaces(text, first, 1);
        if (i == first) {
            return -1;
        }
        i = NameTokens.skipInitial(text, i);
        int second = NameTokens.nameToken(text, i);
        if (second < 0 || !isName(text, i, second)) {
            return -1;
        }
        int end = second;
        int j = NameTokens.skipSpaces(text, second, 1);
        int third = j > second ? NameTokens.nameToken(text, j) : -1;
        if (third > 0 && isName(text, j, third)) {
            end = third;
        }
        out.add(new Span(SpanTypes.PERSON, start, end));
        return end;
    }

    /** One to {@code max} names separated by single spaces, initials allowed between them; the end, or -1. */
    private static int nameRun(CharSequence text, int start, int max) {
        int end = NameTokens.nameToken(text, start);
        if (end < 0 || !isName(text, start, end)) {
            return -1;
        }
        for (int k = 1; k < max; k++) {
            int i = NameTokens.skipSpaces(text, end, 1);
            if (i == end) {
                break;
            }
            i = NameTokens.skipInitial(text, i);
            i = NameTokens.skipParticles(text, i);
            int next = NameTokens.nameToken(text, i);
            if (next < 0 || !isName(text, i, next)) {
                break;
            }
            end = next;
        }
        return end;
    }

    private static boolean isName(CharSequence text, int start, int end) {
        return !NOT_NAMES.contains(text.subSequence(start, end).toString());
    }

    /** A cue phrase ending at most 3 chars (spaces, comma, colon, newline) before {@code i}. */
    private static boolean cueBefore(Phrases cues, CharSequence text, int i) {
        int j = i;
        while (j > 0 && i - j < 3 && " ,:\n\t".indexOf(text.charAt(j - 1)) >= 0) {
            j--;
        }
        return j < i && cues.endsIn(text, j, j, 24);
    }
}
