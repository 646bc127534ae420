package org.nsbi.model.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nsbi.model.output.IntervalResult;

/** The report's pulls table: each nuisance parameter's alpha-hat +- sigma by name, per data set (issue 18 item 7). */
class PullsTableTest {

    @Test
    void theReportHasAPullsTableWithTheNamedAlphaHatAndItsError() {
        String html = Report.of(SmallRun.runData(null)).html();
        assertTrue(html.contains("<h2>Pulls</h2>"), "a pulls section");
        assertTrue(html.contains("<tr><th>parameter</th><th>Observed data</th></tr>"), "one column per data set");
        assertTrue(html.contains("<tr><td>ni_norm</td><td class=\"n\">+0.100 \u00b1 0.450</td></tr>"), "named alpha-hat +- sigma");
    }

    @Test
    void aParameterWithoutAnErrorIsADashAndAParameterOneDataSetLacksIsBlank() {
        Map<String, Double> alpha = new LinkedHashMap<>();
        alpha.put("energy_scale", -5.0);
        alpha.put("ni_norm", 0.25);
        Map<String, Double> error = new LinkedHashMap<>();
        error.put("energy_scale", null);
        error.put("ni_norm", 0.8);
        RunData small = SmallRun.runData(null);
        IntervalResult asimov = new IntervalResult("asimov at mu = 1.0", 500, 1.0, alpha, error,
                small.scans().get(0).intervals(), List.of(), 0.1, null);
        Scan observed = small.scans().get(0);
        Scan second = Scan.fromCsv(asimov, SmallRun.scanResult(small.belt()).scanCsv(small.belt()), "scan-asimov.csv");
        StringBuilder h = new StringBuilder();
        ReportHtml.pulls(h, List.of(observed, second));
        String table = h.toString();
        assertTrue(table.contains("<tr><td>energy_scale</td><td class=\"n\"></td><td class=\"n\">-5.000 \u00b1 \u2014</td></tr>"),
                table);
        assertTrue(table.contains("<tr><td>ni_norm</td><td class=\"n\">+0.100 \u00b1 0.450</td><td class=\"n\">+0.250 \u00b1 0.800</td></tr>"),
                table);
        StringBuilder none = new StringBuilder();
        ReportHtml.pulls(none, List.of(Scan.fromCsv("observed", 1, observed.intervals(),
                SmallRun.scanResult(small.belt()).scanCsv(small.belt()), "scan.csv")));
        assertFalse(none.toString().contains("Pulls"), "no fit values known: no table");
    }
}
