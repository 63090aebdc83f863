package dev.hearth.privacy.devset;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.hearth.json.Json;
import dev.hearth.privacy.Span;
import dev.hearth.privacy.eval.LabeledText;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the labelled development set {@code src/test/resources/privacy/devset.jsonl} from {@link Templates}: a fixed
 * seed, so the file is reproducible ({@code DevSetTest} checks it is up to date). Run:
 * {@code java ... dev.hearth.privacy.devset.DevSetGenerator [output]}.
 */
public final class DevSetGenerator {
    public static final long SEED = 20_261_125L;
    public static final int SIZE = 1_200;
    public static final Path DEFAULT_OUTPUT = Path.of("src/test/resources/privacy/devset.jsonl");
    private static final Pattern SLOT = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_:]*)}");
    private static final List<String> FILLERS = List.of("uuid", "sha", "sha256", "version", "version4", "order",
            "badcard", "price", "time", "date", "img", "integrity", "port", "count", "hexcolor", "ticket", "word", "var",
            "placeholder");

    private DevSetGenerator() {}

    public static void main(String[] args) throws IOException {
        Path out = args.length > 0 ? Path.of(args[0]) : DEFAULT_OUTPUT;
        Files.writeString(out, toJsonLines(generate(SEED, SIZE)), StandardCharsets.UTF_8);
        System.out.println("wrote " + SIZE + " examples to " + out);
    }

    public static List<LabeledText> generate(long seed, int size) {
        Random random = new Random(seed);
        Values values = new Values(random);
        Slots slots = new Slots(values);
        List<List<String>> domains = List.of(Templates.EMAIL, Templates.CHAT, Templates.CODE, Templates.CLINICAL,
                Templates.FINANCE, Templates.NEGATIVE);
        List<LabeledText> examples = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            LabeledDoc doc = new LabeledDoc();
            fill(values.pick(values.pick(domains)), slots, doc);
            if (values.chance(0.2)) {
                doc.plain("\n\n");
                fill(values.pick(values.pick(domains)), slots, doc);
            }
            examples.add(new LabeledText(String.format("dev-%04d", i + 1), doc.text(), doc.spans()));
        }
        return examples;
    }

    private static void fill(String template, Slots slots, LabeledDoc doc) {
        Matcher m = SLOT.matcher(template);
        int last = 0;
        while (m.find()) {
            String slot = m.group(1);
            boolean labelled = Character.isUpperCase(slot.charAt(0));
            if (!labelled && !FILLERS.contains(slot)) {
                continue; // literal braces in code: {owner}, {repo}
            }
            doc.plain(template.substring(last, m.start()));
            if (slot.equals("TITLED")) {
                doc.plain(slots.title());
                doc.labeled("PERSON", slots.value(slot));
            } else if (labelled) {
                doc.labeled(slot.equals("FIRST") ? "PERSON" : slot, slots.value(slot));
            } else {
                doc.plain(slots.value(slot));
            }
            last = m.end();
        }
        doc.plain(template.substring(last));
    }

    /** One JSON object per line: {@code {"id","text","spans":[{"type","start","end"}]}}. */
    public static String toJsonLines(List<LabeledText> examples) throws IOException {
        StringWriter out = new StringWriter();
        for (LabeledText example : examples) {
            try (JsonGenerator gen = Json.MAPPER.createGenerator(out)) {
                gen.writeStartObject();
                gen.writeStringField("id", example.id());
                gen.writeStringField("text", example.text());
                gen.writeArrayFieldStart("spans");
                for (Span span : example.spans()) {
                    gen.writeStartObject();
                    gen.writeStringField("type", span.type());
                    gen.writeNumberField("start", span.start());
                    gen.writeNumberField("end", span.end());
                    gen.writeEndObject();
                }
                gen.writeEndArray();
                gen.writeEndObject();
            }
            out.write('\n');
        }
        return out.toString();
    }
}
