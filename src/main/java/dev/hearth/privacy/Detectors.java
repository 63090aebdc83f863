package dev.hearth.privacy;

import dev.hearth.privacy.custom.ConfidentialMarkerRecognizer;
import dev.hearth.privacy.custom.CustomRecognizer;
import dev.hearth.privacy.custom.CustomRules;
import dev.hearth.privacy.phi.ClinicalTermRecognizer;
import dev.hearth.privacy.phi.HealthPlanIdRecognizer;
import dev.hearth.privacy.phi.Icd10Recognizer;
import dev.hearth.privacy.phi.MedicalRecordNumberRecognizer;
import dev.hearth.privacy.phi.NpiRecognizer;
import dev.hearth.privacy.pii.CreditCardRecognizer;
import dev.hearth.privacy.pii.DateOfBirthRecognizer;
import dev.hearth.privacy.pii.DeTaxIdRecognizer;
import dev.hearth.privacy.pii.EmailRecognizer;
import dev.hearth.privacy.pii.EsNifRecognizer;
import dev.hearth.privacy.pii.IbanRecognizer;
import dev.hearth.privacy.pii.IpAddressRecognizer;
import dev.hearth.privacy.pii.LocationRecognizer;
import dev.hearth.privacy.pii.MacAddressRecognizer;
import dev.hearth.privacy.pii.PersonRecognizer;
import dev.hearth.privacy.pii.PhoneNumberRecognizer;
import dev.hearth.privacy.pii.PostalAddressRecognizer;
import dev.hearth.privacy.pii.UkNinoRecognizer;
import dev.hearth.privacy.pii.UrlCredentialsRecognizer;
import dev.hearth.privacy.pii.UsSsnRecognizer;
import dev.hearth.privacy.secret.AwsSecretKeyRecognizer;
import dev.hearth.privacy.secret.GenericSecretRecognizer;
import dev.hearth.privacy.secret.JwtRecognizer;
import dev.hearth.privacy.secret.PrivateKeyRecognizer;
import dev.hearth.privacy.secret.TokenRecognizer;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place that decides which recognizers make up Hearth's detector. {@code hearth privacy scan}, the dev-set
 * evaluation and (later) the request path all call {@link #standard}, so what is measured is what runs.
 */
public final class Detectors {
    /** Regions used for phone numbers written without a country code. */
    public static final List<String> PHONE_REGIONS = List.of("US", "GB");

    private static final List<Recognizer> BUILT_IN = List.of(
            new PrivateKeyRecognizer(),
            new JwtRecognizer(),
            new TokenRecognizer(),
            new AwsSecretKeyRecognizer(),
            new UrlCredentialsRecognizer(),
            new GenericSecretRecognizer(),
            new CreditCardRecognizer(),
            new IbanRecognizer(),
            new UsSsnRecognizer(),
            new UkNinoRecognizer(),
            new DeTaxIdRecognizer(),
            new EsNifRecognizer(),
            new EmailRecognizer(),
            new PhoneNumberRecognizer(PHONE_REGIONS),
            new IpAddressRecognizer(),
            new MacAddressRecognizer(),
            new DateOfBirthRecognizer(),
            new PostalAddressRecognizer(),
            new PersonRecognizer(),
            new LocationRecognizer(),
            new MedicalRecordNumberRecognizer(),
            new HealthPlanIdRecognizer(),
            new NpiRecognizer(),
            new Icd10Recognizer(),
            new ClinicalTermRecognizer(),
            new ConfidentialMarkerRecognizer());

    private Detectors() {}

    /**
     * Every built-in recognizer plus one per custom rule.
     *
     * @throws IllegalArgumentException when two custom rules share a name
     */
    public static Detector standard(CustomRules... custom) {
        return standard(List.of(custom));
    }

    /** As {@link #standard(CustomRules...)}. */
    public static Detector standard(List<CustomRules> custom) {
        List<Recognizer> recognizers = new ArrayList<>(BUILT_IN);
        List<String> names = new ArrayList<>();
        for (CustomRules rules : custom) {
            if (names.contains(rules.name())) {
                throw new IllegalArgumentException("two custom rules are named " + rules.name());
            }
            names.add(rules.name());
            recognizers.add(new CustomRecognizer(rules));
        }
        return new Detector(recognizers);
    }
}
