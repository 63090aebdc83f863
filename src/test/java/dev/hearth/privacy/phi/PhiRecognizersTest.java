package dev.hearth.privacy.phi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.privacy.Found;
import dev.hearth.privacy.Recognizer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhiRecognizersTest {

    private static Recognizer recognizer(String name) {
        return switch (name) {
            case "mrn" -> new MedicalRecordNumberRecognizer();
            case "plan" -> new HealthPlanIdRecognizer();
            case "npi" -> new NpiRecognizer();
            case "icd" -> new Icd10Recognizer();
            case "terms" -> new ClinicalTermRecognizer();
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            mrn   | MRN: 00482133                                        | MEDICAL_RECORD_NUMBER=00482133
            mrn   | medical record number is H-7719204                   | MEDICAL_RECORD_NUMBER=H-7719204
            mrn   | Patient ID #4471902 admitted                         | MEDICAL_RECORD_NUMBER=4471902
            plan  | Member ID: XJH448812901                              | HEALTH_PLAN_ID=XJH448812901
            plan  | MBI 1EG4-TE5-MK73                                    | HEALTH_PLAN_ID=1EG4-TE5-MK73
            plan  | policy number W2291-004417                           | HEALTH_PLAN_ID=W2291-004417
            npi   | NPI 1234567893                                       | NPI=1234567893
            npi   | prescriber NPI: 1245319599                           | NPI=1245319599
            icd   | ICD-10 E11.9                                         | ICD10_CODE=E11.9
            icd   | Dx: J45.909 (asthma)                                 | ICD10_CODE=J45.909
            icd   | patient diagnosed, coded F32.A                       | ICD10_CODE=F32.A
            terms | patient was prescribed sertraline 50 mg              | MEDICATION=sertraline
            terms | history of type 2 diabetes and hypertension         | DIAGNOSIS=type 2 diabetes, DIAGNOSIS=hypertension
            terms | Rx: Metformin 500mg BID                              | MEDICATION=Metformin
            """)
    void aHealthIdentifierOrTermInContextIsFound(String recognizer, String text, String expected) {
        assertThat(String.join(", ", Found.by(recognizer(recognizer), text))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            mrn   | order 00482133 shipped
            mrn   | MRN: 12
            mrn   | MRN: 0000000
            plan  | Member ID: ABCDEFGH
            plan  | policy number pending
            npi   | NPI 1234567890
            npi   | call 1234567893
            icd   | cell A10 holds the total
            icd   | part E11.9 ships Monday
            icd   | we use the B12 bus
            terms | Python and Java are languages
            terms | the depression in the terrain
            terms | asthma research funding doubled
            """)
    void lookalikesOutsideAClinicalContextAreNotFound(String recognizer, String text) {
        assertThat(Found.by(recognizer(recognizer), text)).isEmpty();
    }
}
