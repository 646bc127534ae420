package org.nsbi.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * One vocabulary on the command line (issue 18 item 6): every option that takes a value names it with a metavariable in
 * capitals (FILE, DIR, N, MU, NAME=VALUE; never picocli's {@code <fieldName>}), one option has one metavariable in every
 * command, and the command list of {@code nsbi --help} gives each command in one complete sentence.
 */
class HelpWordingTest {

    /** A metavariable: capitals, digits and '_', optionally KEY=VALUE or a list (picocli adds [,X...] itself). */
    private static final Pattern METAVAR = Pattern.compile("[A-Z][A-Z0-9_]*(=[A-Z][A-Z0-9_]*)?");

    private static Map<String, CommandSpec> commands() {
        Map<String, CommandSpec> out = new TreeMap<>();
        NsbiCommand.commandLine().getSubcommands().forEach((name, cl) -> {
            if (!name.equals("help")) {
                out.put(name, cl.getCommandSpec());
            }
        });
        return out;
    }

    @Test
    void everyOptionValueHasACapitalMetavariableAndTheSameOneEverywhere() {
        List<String> bad = new ArrayList<>();
        Map<String, String> labels = new TreeMap<>();
        Map<String, String> firstSeen = new TreeMap<>();
        for (Map.Entry<String, CommandSpec> c : commands().entrySet()) {
            for (OptionSpec o : c.getValue().options()) {
                if (o.arity().max() == 0) {
                    continue;
                }
                String label = o.paramLabel();
                if (!METAVAR.matcher(label).matches()) {
                    bad.add(c.getKey() + " " + o.longestName() + "=" + label);
                }
                String earlier = labels.putIfAbsent(o.longestName(), label);
                firstSeen.putIfAbsent(o.longestName(), c.getKey());
                if (earlier != null && !earlier.equals(label)) {
                    bad.add(o.longestName() + " is " + earlier + " in " + firstSeen.get(o.longestName()) + " but " + label
                            + " in " + c.getKey());
                }
            }
        }
        assertEquals(List.of(), bad);
    }

    @Test
    void theCommandListGivesEachCommandInOneCompleteSentence() {
        java.io.StringWriter out = new java.io.StringWriter();
        CommandLine cl = NsbiCommand.commandLine();
        cl.setOut(new java.io.PrintWriter(out));
        assertEquals(0, cl.execute("--help"));
        String help = out.toString();
        String list = help.substring(help.indexOf("Commands:"));
        for (Map.Entry<String, CommandSpec> c : commands().entrySet()) {
            String[] header = c.getValue().usageMessage().header();
            String line = header.length > 0 ? header[0] : c.getValue().usageMessage().description()[0];
            assertTrue(line.matches("[A-Z].*[^ .,:;]\\.") && !line.contains(". "),
                    c.getKey() + ": not one complete sentence: '" + line + "'");
            assertTrue(line.length() <= 110, c.getKey() + ": the command list's sentence is long: " + line);
            String flat = list.replaceAll("\\s+", " ");
            assertTrue(flat.contains(c.getKey() + " " + line), c.getKey() + " is listed with its sentence: " + flat);
        }
    }
}
