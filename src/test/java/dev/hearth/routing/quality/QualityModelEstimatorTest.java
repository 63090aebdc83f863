package dev.hearth.routing.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.model.ChatRequest;
import dev.hearth.model.Message;
import dev.hearth.model.Role;
import dev.hearth.model.Sampling;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QualityModelEstimatorTest {
    private static final QualityModel SHIPPED = QualityModel.load(text -> {
        throw new AssertionError("the shipped model must not need an embedding on the request path");
    });

    private static ChatRequest chat(Message... messages) {
        return new ChatRequest("auto", List.of(messages), List.of(), null, null, Sampling.NONE, false, false, Map.of());
    }

    @Test
    void theLastUserTurnIsScoredWithTheShippedModel() {
        String prompt = "Write a Python function that returns the n-th Fibonacci number.";
        double score = new QualityModelEstimator(SHIPPED).needsStrongModel(chat(Message.text(Role.SYSTEM, "Be brief."),
                Message.text(Role.USER, "hello"), Message.text(Role.ASSISTANT, "hi"), Message.text(Role.USER, prompt)));
        assertThat(score).isBetween(0.0, 1.0).isEqualTo(SHIPPED.score(prompt));
    }

    @Test
    void aRequestWithoutUserTextHasNoEstimate() {
        assertThat(new QualityModelEstimator(SHIPPED).needsStrongModel(chat(Message.text(Role.SYSTEM, "x"))))
                .isNaN();
    }
}
