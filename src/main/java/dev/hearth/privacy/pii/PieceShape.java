package dev.hearth.privacy.pii;

/**
 * Two facts about a run of phone characters that let {@link PhoneNumberRecognizer} skip it before libphonenumber:
 * whether its digits (any script, as libphonenumber counts them) form one group with nothing between them, and whether
 * they are exactly one ISO date {@code dddd-dd-dd} whose first digit is not 0.
 *
 * @param bare      the digits are one unbroken group and the run has no {@code (}: any number in it is unformatted
 * @param dateDigit the first digit (1-9) when the run's only digits are one {@code [1-9]ddd-dd-dd} token, else -1
 */
record PieceShape(boolean bare, int dateDigit) {

    static PieceShape of(CharSequence piece) {
        int first = -1;
        int last = -1;
        int digits = 0;
        boolean bracket = false;
        for (int i = 0; i < piece.length(); i++) {
            char c = piece.charAt(i);
            if (Character.isDigit(c)) {
                first = first < 0 ? i : first;
                last = i;
                digits++;
            }
            bracket |= c == '(';
        }
        boolean bare = first >= 0 && last - first + 1 == digits && !bracket;
        boolean date = first >= 0 && isoDate(piece, first, last);
        return new PieceShape(bare, date ? piece.charAt(first) - '0' : -1);
    }

    /** False when libphonenumber cannot find a valid number in this run read in {@code region} without a "+". */
    boolean readableIn(PhoneRegion region) {
        return dateDigit < 0 || region.readsDatesStartingWith(dateDigit);
    }

    private static boolean isoDate(CharSequence piece, int first, int last) {
        if (last - first != 9 || piece.charAt(first) == '0') {
            return false;
        }
        for (int i = first; i <= last; i++) {
            char c = piece.charAt(i);
            boolean dash = i - first == 4 || i - first == 7;
            if (dash ? c != '-' : c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
