package dev.hearth.privacy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The catalogue of span type names: each built-in type's {@link DataClass} and {@link Specificity}. Types named
 * {@code CUSTOM:<name>} belong to {@link DataClass#CUSTOM}. The same table, with examples, is in
 * {@code docs/privacy-types.md}; a test keeps the two in step. Immutable and thread-safe.
 */
public final class SpanTypes {
    /** Prefix of the types produced by configured custom rules. */
    public static final String CUSTOM_PREFIX = "CUSTOM:";

    // PII
    public static final String EMAIL_ADDRESS = "EMAIL_ADDRESS";
    public static final String PHONE_NUMBER = "PHONE_NUMBER";
    public static final String US_SSN = "US_SSN";
    public static final String UK_NINO = "UK_NINO";
    public static final String DE_TAX_ID = "DE_TAX_ID";
    public static final String ES_NIF = "ES_NIF";
    public static final String IP_ADDRESS = "IP_ADDRESS";
    public static final String MAC_ADDRESS = "MAC_ADDRESS";
    public static final String DATE_OF_BIRTH = "DATE_OF_BIRTH";
    public static final String POSTAL_ADDRESS = "POSTAL_ADDRESS";
    public static final String PERSON = "PERSON";
    public static final String LOCATION = "LOCATION";
    // FINANCIAL
    public static final String CREDIT_CARD = "CREDIT_CARD";
    public static final String IBAN = "IBAN";
    // SECRET
    public static final String URL_WITH_CREDENTIALS = "URL_WITH_CREDENTIALS";
    public static final String CONNECTION_STRING = "CONNECTION_STRING";
    public static final String PRIVATE_KEY = "PRIVATE_KEY";
    public static final String JWT = "JWT";
    public static final String AWS_ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
    public static final String AWS_SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
    public static final String GCP_API_KEY = "GCP_API_KEY";
    public static final String GITHUB_TOKEN = "GITHUB_TOKEN";
    public static final String GITLAB_TOKEN = "GITLAB_TOKEN";
    public static final String SLACK_TOKEN = "SLACK_TOKEN";
    public static final String SLACK_WEBHOOK_URL = "SLACK_WEBHOOK_URL";
    public static final String STRIPE_SECRET_KEY = "STRIPE_SECRET_KEY";
    public static final String OPENAI_API_KEY = "OPENAI_API_KEY";
    public static final String ANTHROPIC_API_KEY = "ANTHROPIC_API_KEY";
    public static final String GOOGLE_OAUTH_CREDENTIAL = "GOOGLE_OAUTH_CREDENTIAL";
    public static final String TWILIO_API_KEY = "TWILIO_API_KEY";
    public static final String SENDGRID_API_KEY = "SENDGRID_API_KEY";
    public static final String NPM_TOKEN = "NPM_TOKEN";
    public static final String GENERIC_SECRET = "GENERIC_SECRET";
    // PHI
    public static final String MEDICAL_RECORD_NUMBER = "MEDICAL_RECORD_NUMBER";
    public static final String HEALTH_PLAN_ID = "HEALTH_PLAN_ID";
    public static final String NPI = "NPI";
    public static final String ICD10_CODE = "ICD10_CODE";
    public static final String MEDICATION = "MEDICATION";
    public static final String DIAGNOSIS = "DIAGNOSIS";
    // CONFIDENTIAL
    public static final String CONFIDENTIAL_MARKER = "CONFIDENTIAL_MARKER";

    private record Entry(DataClass dataClass, Specificity specificity) {}

    private static final Map<String, Entry> TYPES = new LinkedHashMap<>();

    static {
        pii(Specificity.FORMAT, EMAIL_ADDRESS, PHONE_NUMBER, IP_ADDRESS, MAC_ADDRESS, DATE_OF_BIRTH);
        pii(Specificity.CHECKSUM, US_SSN, UK_NINO, DE_TAX_ID, ES_NIF);
        pii(Specificity.CONTEXT, POSTAL_ADDRESS, PERSON, LOCATION);
        put(DataClass.FINANCIAL, Specificity.CHECKSUM, CREDIT_CARD, IBAN);
        put(DataClass.SECRET, Specificity.VERIFIED, URL_WITH_CREDENTIALS, CONNECTION_STRING, PRIVATE_KEY, JWT,
                AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, GCP_API_KEY, GITHUB_TOKEN, GITLAB_TOKEN, SLACK_TOKEN,
                SLACK_WEBHOOK_URL, STRIPE_SECRET_KEY, OPENAI_API_KEY, ANTHROPIC_API_KEY, GOOGLE_OAUTH_CREDENTIAL,
                TWILIO_API_KEY, SENDGRID_API_KEY, NPM_TOKEN);
        put(DataClass.SECRET, Specificity.HEURISTIC, GENERIC_SECRET);
        put(DataClass.PHI, Specificity.CHECKSUM, NPI);
        put(DataClass.PHI, Specificity.FORMAT, MEDICAL_RECORD_NUMBER, HEALTH_PLAN_ID, ICD10_CODE);
        put(DataClass.PHI, Specificity.CONTEXT, MEDICATION, DIAGNOSIS);
        put(DataClass.CONFIDENTIAL, Specificity.CONTEXT, CONFIDENTIAL_MARKER);
    }

    private SpanTypes() {}

    /** Every built-in type name, in catalogue order (custom types excluded). */
    public static Set<String> builtIn() {
        return Collections.unmodifiableSet(TYPES.keySet());
    }

    /** True for a built-in type or any {@code CUSTOM:<name>} with a non-empty name. */
    public static boolean isKnown(String type) {
        return TYPES.containsKey(type) || isCustom(type);
    }

    public static boolean isCustom(String type) {
        return type.startsWith(CUSTOM_PREFIX) && type.length() > CUSTOM_PREFIX.length();
    }

    /**
     * The data class of a type.
     *
     * @throws IllegalArgumentException for a name that is neither built in nor {@code CUSTOM:<name>}
     */
    public static DataClass dataClass(String type) {
        if (isCustom(type)) {
            return DataClass.CUSTOM;
        }
        return entry(type).dataClass();
    }

    /**
     * The specificity of a type; custom types count as {@link Specificity#CONTEXT}.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static Specificity specificity(String type) {
        if (isCustom(type)) {
            return Specificity.CONTEXT;
        }
        return entry(type).specificity();
    }

    private static Entry entry(String type) {
        Entry entry = TYPES.get(type);
        if (entry == null) {
            throw new IllegalArgumentException("unknown span type: " + type);
        }
        return entry;
    }

    private static void pii(Specificity specificity, String... types) {
        put(DataClass.PII, specificity, types);
    }

    private static void put(DataClass dataClass, Specificity specificity, String... types) {
        for (String type : types) {
            TYPES.put(type, new Entry(dataClass, specificity));
        }
    }
}
