package dev.hearth.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelCatalogTest {
    private static final ModelCatalog CATALOG = ModelCatalogLoader.shipped();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "gpt-4o, gpt-4o",
        "gpt-4o-2024-08-06, gpt-4o",
        "gpt-4o-mini-2024-07-18, gpt-4o-mini",
        "openai/gpt-4o-mini, gpt-4o-mini",
        "qwen2.5-coder:32b, qwen2.5-coder",
        "llama3.1:8b-instruct-q4_K_M, llama3.1",
        "llama3.2-vision:11b, llama3.2-vision",
        "claude-sonnet-4-5-20250929, claude-sonnet-4-5",
        "mistral-large-latest, mistral-large",
        "mistral-7b-instruct, mistral",
        "GPT-4O, gpt-4o"
    })
    void servedNamesFindTheirFamily(String served, String family) {
        assertThat(CATALOG.lookup(served).id()).isEqualTo(family);
    }

    @ParameterizedTest
    @CsvSource({"gpt-4o-mini-audio", "my-finetune", "gpt-4o-realtime", "qwen2.5-coderx"})
    void namesThatOnlyLookSimilarStayUnknown(String served) {
        assertThat(CATALOG.lookup(served).known()).isFalse();
    }

    @ParameterizedTest(name = "{0}: json_schema {1}")
    @CsvSource(nullValues = "unknown", value = {"gpt-4o-2024-08-06, true", "gpt-3.5-turbo-0125, false",
            "gpt-4-turbo, false", "qwen2.5-coder:32b, unknown"})
    void structuredOutputSupportIsReadFromTheCatalog(String served, Boolean jsonSchema) {
        assertThat(CATALOG.lookup(served).jsonSchema()).isEqualTo(jsonSchema);
    }
}
