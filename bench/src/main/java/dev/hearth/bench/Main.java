package dev.hearth.bench;

import java.util.Arrays;

/**
 * The harness's single entry point: {@code java -jar hearth-bench.jar COMMAND [--option value ...]}.
 *
 * <ul>
 *   <li>{@code upstream}: the fake OpenAI upstream ({@link FakeUpstream}); runs until killed.</li>
 *   <li>{@code closed}, {@code open}, {@code ttft}, {@code streams}: load scenarios ({@link LoadGen}); each runs for a
 *       bounded count or time, then prints one JSON object on stdout.</li>
 *   <li>{@code startup}: spawns a gateway command repeatedly and times it to its first 200 ({@link Startup}).</li>
 *   <li>{@code ports N}: prints N free loopback TCP ports.</li>
 *   <li>{@code rss PID...}: prints resident memory of the process trees as JSON.</li>
 *   <li>{@code report DIR}: turns the JSON files of one run into the Markdown table ({@link Report}).</li>
 * </ul>
 */
public final class Main {
    private Main() {}

    public static void main(String[] argv) throws Exception {
        if (argv.length == 0) {
            System.err.println("usage: hearth-bench upstream|closed|open|ttft|streams|startup|ports|rss|report ...");
            System.exit(64);
        }
        String[] rest = Arrays.copyOfRange(argv, 1, argv.length);
        switch (argv[0]) {
            case "upstream" -> FakeUpstream.main(new Args(rest));
            case "closed" -> Json.print(LoadGen.closed(new Args(rest)));
            case "open" -> Json.print(LoadGen.open(new Args(rest)));
            case "ttft" -> Json.print(LoadGen.ttft(new Args(rest)));
            case "streams" -> Json.print(LoadGen.streams(new Args(rest)));
            case "startup" -> Json.print(Startup.run(new Args(rest)));
            case "ports" -> Ports.print(Integer.parseInt(rest[0]));
            case "rss" -> Json.print(Proc.memory(Proc.parsePids(String.join(",", rest))));
            case "report" -> System.out.print(Report.render(java.nio.file.Path.of(rest[0])));
            default -> {
                System.err.println("unknown command " + argv[0]);
                System.exit(64);
            }
        }
        // Vert.x event-loop threads are not daemons: leave explicitly once the result is out.
        if (!argv[0].equals("upstream")) {
            System.out.flush();
            System.exit(0);
        }
    }
}
