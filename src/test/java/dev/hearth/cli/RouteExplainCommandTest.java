package dev.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RouteExplainCommandTest {
    @TempDir
    Path dir;

    private String run(String... args) throws Exception {
        Path config = dir.resolve("hearth.yaml");
        Files.writeString(config, """
                backends:
                  - name: box
                    protocol: ollama
                    base-url: http://127.0.0.1:11434
                    models: [gemma2:27b, qwen2.5-coder:32b]
                  - name: cloud
                    protocol: openai
                    base-url: https://api.example.invalid/v1
                    models: [gpt-4o-mini]
                aliases:
                  cheap:
                    candidates: [cloud/gpt-4o-mini, box/gemma2:27b, box/qwen2.5-coder:32b]
                    strategy: cost
                """);
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            String[] full = new String[args.length + 2];
            full[0] = "--config";
            full[1] = config.toString();
            System.arraycopy(args, 0, full, 2, args.length);
            int exit = new CommandLine(new RouteExplainCommand()).execute(full);
            return exit + "\n" + out.toString(StandardCharsets.UTF_8);
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void explainsDroppedCandidatesTheRankingAndTheOrder() throws Exception {
        String shown = run("--model", "cheap", "--tools");
        assertThat(shown).startsWith("0\n")
                .contains("candidates: cloud/gpt-4o-mini, box/gemma2:27b, box/qwen2.5-coder:32b")
                .contains("dropped:    box/gemma2:27b does not support tools")
                .contains("ranking:    cost:")
                .contains("order:      box/qwen2.5-coder:32b -> cloud/gpt-4o-mini");
    }

    @Test
    void aRequestNothingCanServeIsExplainedAsARefusal() throws Exception {
        String shown = run("--model", "gemma2:27b", "--image");
        assertThat(shown).startsWith("1\n").contains("refused:    400").contains("does not accept images");
    }
}
