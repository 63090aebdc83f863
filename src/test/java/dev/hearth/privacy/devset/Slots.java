package dev.hearth.privacy.devset;

import java.util.List;

/**
 * One generated value per slot name. Upper-case slots are labelled span types; lower-case slots are unlabelled
 * fillers, many of them hard negatives (ids, hashes, versions, invalid look-alikes). Name and place lists reach
 * beyond the detector's dictionaries on purpose, so the dev set measures misses too.
 */
final class Slots {
    private static final List<String> FIRST = List.of("Maria", "John", "Priya", "Wei", "Fatima", "Lukas", "Sarah",
            "Ahmed", "Elena", "David", "Kwame", "Aiko", "Olumide", "Siobhan", "Mateo", "Ingrid", "Tariq", "Yasmin",
            "Bogdan", "Chiara", "Emily", "Hiroshi", "Nkechi", "Rafael", "Thomas", "Zanele", "Camila", "Dmitri");
    private static final List<String> LAST = List.of("Garcia", "Smith", "Patel", "Zhang", "Haddad", "Becker",
            "Okafor", "Nakamura", "Rossi", "Kowalski", "O'Brien", "Nguyen", "Mensah", "Fernandes", "Johansson",
            "Garcia-Lopez", "McAllister", "Adeyemi", "Schneider", "Novak", "Dubois", "Ivanova", "Chowdhury");
    private static final List<String> TITLES = List.of("Dr. ", "Mr. ", "Ms. ", "Mrs. ", "Prof. ");
    private static final List<String> PLACES = List.of("Lisbon", "Berlin", "Toronto", "Nairobi", "São Paulo",
            "New Zealand", "Manchester", "Kraków", "Osaka", "Portland", "Leeds", "Valencia", "Accra", "Tucson",
            "Brno", "Canada", "Germany", "Kenya");
    private static final List<String> STREETS = List.of("Elm", "Baker", "Maple", "High", "Church", "Oak", "Mill",
            "Station", "Pennsylvania", "Cedar", "Victoria", "5th");
    private static final List<String> SUFFIXES = List.of("Street", "St", "Avenue", "Ave", "Road", "Rd", "Lane",
            "Drive", "Close", "Way");
    private static final List<String> CITIES = List.of("Springfield", "London", "Leeds", "Austin", "Denver",
            "Bristol", "Portland");
    private static final List<String> MEDICATIONS = List.of("metformin", "lisinopril", "atorvastatin", "sertraline",
            "albuterol", "levothyroxine", "amoxicillin", "apixaban", "gabapentin", "omeprazole", "prednisone",
            "insulin glargine", "semaglutide", "losartan", "escitalopram", "tiotropium", "mesalamine");
    private static final List<String> DIAGNOSES = List.of("type 2 diabetes", "hypertension", "asthma", "COPD",
            "major depressive disorder", "atrial fibrillation", "hypothyroidism", "migraine", "chronic kidney disease",
            "rheumatoid arthritis", "generalized anxiety disorder", "heart failure", "pneumonia", "sarcoidosis",
            "celiac disease");
    private static final List<String> ICD = List.of("E11.9", "I10", "J45.909", "F32.A", "I48.91", "E03.9", "G43.909",
            "N18.3", "M06.9", "F41.1", "I50.9", "J18.9", "K21.9", "Z79.4");
    private static final List<String> MARKERS = List.of("PRIVILEGED & CONFIDENTIAL", "Attorney-Client Privileged",
            "For internal use only", "CONFIDENTIAL", "Do not distribute", "Strictly confidential");
    private static final List<String> PROJECT = List.of("Project Bluebird", "Falcon");

    private final Values v;

    Slots(Values values) {
        this.v = values;
    }

    String value(String slot) {
        return switch (slot) {
            case "PERSON" -> person();
            case "FIRST" -> v.pick(FIRST);
            case "TITLED" -> v.pick(LAST);
            case "EMAIL_ADDRESS" -> email();
            case "PHONE_NUMBER" -> phone();
            case "CREDIT_CARD" -> card();
            case "IBAN" -> iban();
            case "US_SSN" -> ssn(v.chance(0.8) ? "-" : " ");
            case "UK_NINO" -> nino();
            case "DE_TAX_ID" -> v.germanTaxId();
            case "ES_NIF" -> nif();
            case "IP_ADDRESS" -> ip();
            case "MAC_ADDRESS" -> mac();
            case "DATE_OF_BIRTH" -> date();
            case "POSTAL_ADDRESS" -> address();
            case "LOCATION" -> v.pick(PLACES);
            case "MEDICATION" -> v.pick(MEDICATIONS);
            case "DIAGNOSIS" -> v.pick(DIAGNOSES);
            case "ICD10_CODE" -> v.pick(ICD);
            case "MEDICAL_RECORD_NUMBER" -> v.chance(0.6) ? v.digits(8) : "H" + v.digits(7);
            case "HEALTH_PLAN_ID" -> v.chance(0.5) ? v.chars("ABCDEFGHJKLMNPQRSTUVWXYZ", 3) + v.digits(9)
                    : "W" + v.digits(4) + "-" + v.digits(6);
            case "NPI" -> Values.withLuhn("80840" + (v.chance(0.5) ? "1" : "2") + v.digits(8)).substring(5);
            case "CONFIDENTIAL_MARKER" -> v.pick(MARKERS);
            case "CUSTOM:project" -> v.chance(0.7) ? v.pick(PROJECT) : "PRJ-" + v.digits(4);
            default -> Character.isLowerCase(slot.charAt(0)) ? Fillers.value(slot, v) : Secrets.value(slot, v);
        };
    }

    private String person() {
        return switch (v.between(0, 3)) {
            case 0 -> v.pick(FIRST) + " " + v.pick(LAST);
            case 1 -> v.pick(FIRST) + " " + (char) ('A' + v.between(0, 25)) + ". " + v.pick(LAST);
            default -> v.pick(FIRST) + " " + v.pick(LAST);
        };
    }

    String title() {
        return v.pick(TITLES);
    }

    private String email() {
        String user = switch (v.between(0, 3)) {
            case 0 -> v.pick(FIRST).toLowerCase() + "." + v.pick(LAST).toLowerCase().replace("'", "");
            case 1 -> v.pick(FIRST).toLowerCase().charAt(0) + v.pick(LAST).toLowerCase().replace("'", "") + v.digits(2);
            case 2 -> "ops-" + v.alnum(4).toLowerCase() + "+alerts";
            default -> v.pick(FIRST).toLowerCase() + "_" + v.digits(3);
        };
        return user + "@" + v.pick(List.of("example.com", "mail.example.org", "corp.example.co.uk", "uni.example.edu",
                "example.de", "clinic.example.net"));
    }

    private String phone() {
        String area = v.pick(List.of("415", "212", "303", "617", "206", "512"));
        String line = "555-01" + v.digits(2);
        return switch (v.between(0, 6)) {
            case 0 -> "(" + area + ") " + line;
            case 1 -> area + "-" + v.pick(List.of("201", "321", "457", "864")) + "-" + v.digits(4);
            case 2 -> "+1 " + area + " " + v.pick(List.of("201", "321", "457", "864")) + " " + v.digits(4);
            case 3 -> "+44 20 7946 0" + v.digits(3);
            case 4 -> "+49 30 " + v.between(2, 9) + v.digits(7);
            case 5 -> "020 7946 0" + v.digits(3);
            default -> area + "." + v.pick(List.of("201", "321", "457", "864")) + "." + v.digits(4);
        };
    }

    private String card() {
        String number = switch (v.between(0, 3)) {
            case 0 -> Values.withLuhn("4" + v.digits(14));
            case 1 -> Values.withLuhn("5" + v.between(1, 5) + v.digits(13));
            case 2 -> Values.withLuhn("3" + (v.chance(0.5) ? "4" : "7") + v.digits(12));
            default -> Values.withLuhn("6011" + v.digits(11));
        };
        if (number.length() == 15) {
            return v.chance(0.5) ? number
                    : number.substring(0, 4) + " " + number.substring(4, 10) + " " + number.substring(10);
        }
        return switch (v.between(0, 2)) {
            case 0 -> number;
            case 1 -> Values.groupsOf4(number);
            default -> Values.groupsOf4(number).replace(' ', '-');
        };
    }

    private String iban() {
        String compact = switch (v.between(0, 3)) {
            case 0 -> Values.iban("DE", v.digits(18));
            case 1 -> Values.iban("GB", v.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 4) + v.digits(14));
            case 2 -> Values.iban("FR", v.digits(23));
            default -> Values.iban("NL", v.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 4) + v.digits(10));
        };
        return v.chance(0.6) ? Values.groupsOf4(compact) : compact;
    }

    String ssn(String separator) {
        int area = v.between(1, 899);
        if (area == 666) {
            area = 667;
        }
        return String.format("%03d%s%02d%s%04d", area, separator, v.between(1, 99), separator, v.between(1, 9999));
    }

    private String nino() {
        String first = v.chars("ABCEGHJKLMNPRSTWXYZ", 1);
        String second = v.chars("ABCEGHJKLMNPRSTWXYZ", 1);
        if (List.of("BG", "GB", "KN", "NK", "NT", "TN", "ZZ").contains(first + second)) {
            first = "J";
            second = "G";
        }
        String digits = v.digits(6);
        String suffix = v.chars("ABCD", 1);
        return v.chance(0.5) ? first + second + digits + suffix
                : first + second + " " + digits.substring(0, 2) + " " + digits.substring(2, 4) + " "
                        + digits.substring(4) + " " + suffix;
    }

    private String nif() {
        String letters = "TRWAGMYFPDXBNJZSQVHLCKE";
        if (v.chance(0.7)) {
            int number = v.between(1_000_000, 99_999_999);
            return String.format("%08d", number) + letters.charAt(number % 23);
        }
        int prefix = v.between(0, 2);
        int number = v.between(0, 9_999_999);
        return "XYZ".charAt(prefix) + String.format("%07d", number) + letters.charAt((prefix * 10_000_000 + number) % 23);
    }

    private String ip() {
        if (v.chance(0.3)) {
            return "2001:db8:" + Integer.toHexString(v.between(4096, 65535)) + "::" + Integer.toHexString(v.between(1, 65535));
        }
        return v.pick(List.of("10", "172", "192", "203", "198", "85")) + "." + v.between(0, 255) + "."
                + v.between(0, 255) + "." + v.between(1, 254);
    }

    private String mac() {
        String sep = v.chance(0.7) ? ":" : "-";
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            out.append(i > 0 ? sep : "").append(v.hex(2).toUpperCase());
        }
        return out.toString();
    }

    private String date() {
        int year = v.between(1935, 2006);
        int month = v.between(1, 12);
        int day = v.between(1, 28);
        String[] names = {"January", "February", "March", "April", "May", "June", "July", "August", "September",
            "October", "November", "December"};
        return switch (v.between(0, 4)) {
            case 0 -> String.format("%04d-%02d-%02d", year, month, day);
            case 1 -> String.format("%02d/%02d/%04d", month, day, year);
            case 2 -> String.format("%02d.%02d.%04d", day, month, year);
            case 3 -> day + " " + names[month - 1] + " " + year;
            default -> names[month - 1] + " " + day + ", " + year;
        };
    }

    private String address() {
        String street = v.between(1, 2400) + " " + v.pick(STREETS) + " " + v.pick(SUFFIXES);
        return switch (v.between(0, 3)) {
            case 0 -> street;
            case 1 -> street + ", " + v.pick(CITIES) + ", " + v.pick(List.of("TX", "CO", "OR", "MA")) + " "
                    + v.digits(5);
            case 2 -> street + ", London " + v.pick(List.of("NW1 6XE", "SW1A 1AA", "E1 6AN", "N7 9AB"));
            default -> v.pick(List.of("Hauptstraße", "Gartenweg", "Lindenallee", "Bahnhofstraße")) + " "
                    + v.between(1, 120) + ", " + v.digits(5) + " Berlin";
        };
    }
}
