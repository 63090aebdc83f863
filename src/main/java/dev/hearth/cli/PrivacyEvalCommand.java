package dev.hearth.cli;

import dev.hearth.privacy.Detector;
import dev.hearth.privacy.Detectors;
import dev.hearth.privacy.eval.Evaluation;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hearth privacy eval --input FILE}: scores the standard detector against a labelled JSON Lines set and prints
 * precision, recall, F2 and leak rate per type, per data class and overall. Any malformed line is reported on stderr
 * and no table is printed (exit 2): a score over part of a set would mislead.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Score the detector on labelled JSON Lines {\"id\",\"text\",\"spans\":[{\"type\",\"start\",\"end\"}]}.")
final class PrivacyEvalCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Labelled JSON Lines, or - for stdin.")
    String input;

    @Mixin
    RuleOptions rules = new RuleOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Detector detector = Detectors.standard(rules.rules());
            LabeledJsonLines.Result read = LabeledJsonLines.read(input, System.in);
            if (!read.problems().isEmpty()) {
                read.problems().forEach(problem -> err.println("hearth privacy eval: " + problem));
                return 2;
            }
            out.print(Evaluation.table(Evaluation.byType(detector, read.examples())));
            out.println(read.examples().size() + " examples; leak = share of labelled spans not fully masked by "
                    + "any detected span");
            out.flush();
            return 0;
        } catch (IllegalArgumentException bad) {
            err.println("hearth privacy eval: " + bad.getMessage());
            return 2;
        } catch (IOException io) {
            err.println("hearth privacy eval: cannot read " + input + ": " + io.getClass().getSimpleName());
            return 2;
        }
    }
}
