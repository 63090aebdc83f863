package dev.hearth.privacy.custom;

/**
 * A view of a text that counts character reads and gives up once a budget is spent, so that a configured regular
 * expression that backtracks catastrophically stops instead of pinning a thread. Java's regex engine reads its input
 * only through {@link #charAt}, which makes this a reliable step counter. One instance per match run; not
 * thread-safe.
 */
final class BudgetedText implements CharSequence {
    /** Thrown (without a stack trace) when the budget is spent. */
    static final class Exhausted extends RuntimeException {
        Exhausted() {
            super("scan budget exhausted", null, false, false);
        }
    }

    private final CharSequence text;
    private long remaining;

    BudgetedText(CharSequence text, long budget) {
        this.text = text;
        this.remaining = budget;
    }

    @Override
    public char charAt(int index) {
        if (--remaining < 0) {
            throw new Exhausted();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return text.subSequence(start, end);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
