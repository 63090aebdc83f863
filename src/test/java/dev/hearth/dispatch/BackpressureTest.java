package dev.hearth.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testkit.Answer;
import dev.hearth.testkit.FakeOpenAi;
import dev.hearth.testkit.TestGateway;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading must not make the gateway buffer the whole answer: the upstream read is paused, and the
 * stream resumes intact when the client reads again.
 */
class BackpressureTest {
    @Test
    void aSlowClientGetsTheWholeStreamIntactAfterItResumesReading() throws Exception {
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            pieces.add("piece-" + i + "-" + "x".repeat(200) + " ");
        }
        try (FakeOpenAi upstream = new FakeOpenAi("m");
                TestGateway gateway = TestGateway.builder().openAi("local", upstream, "m").start();
                Socket socket = new Socket("127.0.0.1", gateway.port())) {
            upstream.enqueue(new Answer(pieces, List.of(), 1, pieces.size(), "stop"));
            String body = "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}";
            socket.setReceiveBufferSize(16 * 1024); // a small window, so the gateway's write queue fills
            socket.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n"
                    + "Connection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            assertThat(in.read()).isNotEqualTo(-1);
            Thread.sleep(1500); // the client stalls while the upstream has ~200 KB to send
            String rest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(rest).contains("piece-0-").contains("piece-999-").contains("data: [DONE]");
            int last = -1;
            for (int i = 0; i < 1000; i += 100) {
                int at = rest.indexOf("piece-" + i + "-");
                assertThat(at).as("piece %d in order", i).isGreaterThan(last);
                last = at;
            }
        }
    }
}
