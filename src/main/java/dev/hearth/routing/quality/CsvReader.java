package dev.hearth.routing.quality;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads comma-separated values as RFC 4180 defines them: a field is either bare or enclosed in double quotes, a quoted
 * field may hold commas, line breaks and doubled quotes ({@code ""} for {@code "}), and records end with CRLF or LF.
 * A final line break is optional; blank lines between records are skipped.
 *
 * <p>Kept in Hearth rather than taken from commons-csv because the format is this small and the trainer needs only
 * this one reader; the tests pin the cases that matter (quoted newlines, commas and quotes).
 *
 * <p>Failures: {@link CsvException} with the 1-based line where the bad record starts, for an unterminated quoted
 * field or text after a closing quote. Not thread-safe: one reader per input.
 */
final class CsvReader {
    private final Reader in;
    private int peeked = -2; // -2: nothing peeked yet
    private int line = 1;

    CsvReader(Reader in) {
        this.in = in;
    }

    /** Thrown for input that is not RFC 4180. */
    static final class CsvException extends RuntimeException {
        CsvException(String message) {
            super(message);
        }
    }

    /** A record and the 1-based line it starts on. */
    record Row(int line, List<String> fields) {}

    /** Reads every remaining record. */
    List<Row> readAll() {
        List<Row> rows = new ArrayList<>();
        for (Row row = next(); row != null; row = next()) {
            rows.add(row);
        }
        return rows;
    }

    /** The next record, or {@code null} at the end of the input. */
    Row next() {
        while (peek() == '\r' || peek() == '\n') {
            readLineBreak();
        }
        if (peek() == -1) {
            return null;
        }
        int start = line;
        List<String> fields = new ArrayList<>();
        while (true) {
            fields.add(peek() == '"' ? quotedField(start) : bareField());
            int c = peek();
            if (c == ',') {
                read();
            } else if (c == '\r' || c == '\n') {
                readLineBreak();
                return new Row(start, fields);
            } else if (c == -1) {
                return new Row(start, fields);
            } else {
                throw new CsvException("line " + line + ": unexpected character '" + (char) c
                        + "' after a quoted field (record starting on line " + start + ")");
            }
        }
    }

    private String bareField() {
        StringBuilder field = new StringBuilder();
        for (int c = peek(); c != ',' && c != '\r' && c != '\n' && c != -1; c = peek()) {
            field.append((char) read());
        }
        return field.toString();
    }

    private String quotedField(int start) {
        read(); // the opening quote
        StringBuilder field = new StringBuilder();
        while (true) {
            int c = read();
            if (c == -1) {
                throw new CsvException("line " + start + ": quoted field is never closed");
            }
            if (c == '"') {
                if (peek() != '"') {
                    return field.toString();
                }
                read();
            } else if (c == '\n') {
                line++;
            }
            field.append((char) c);
        }
    }

    private void readLineBreak() {
        if (read() == '\r' && peek() == '\n') {
            read();
        }
        line++;
    }

    private int peek() {
        if (peeked == -2) {
            peeked = readRaw();
        }
        return peeked;
    }

    private int read() {
        int c = peek();
        peeked = -2;
        return c;
    }

    private int readRaw() {
        try {
            return in.read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
