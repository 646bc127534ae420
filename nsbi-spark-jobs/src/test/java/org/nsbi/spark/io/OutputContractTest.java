package org.nsbi.spark.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nsbi.model.output.AsimovClosure;
import org.nsbi.model.output.CoverageSummary;
import org.nsbi.model.output.FailedFits;
import org.nsbi.model.output.IntervalResult;
import org.nsbi.model.output.IntervalSummary;
import org.nsbi.model.output.Json;
import org.nsbi.model.output.NeymanSummary;
import org.nsbi.model.output.RunInfo;
import org.nsbi.model.output.RunSummary;
import org.nsbi.model.output.ScoreSummary;
import org.nsbi.model.output.ValidationSummary;
import org.nsbi.spark.neyman.BeltsTable;
import org.nsbi.spark.neyman.ToysTable;
import org.nsbi.stats.belt.BeltPoint;
import org.nsbi.stats.interval.ConfidenceInterval;
import org.nsbi.stats.interval.ScanColumns;

/**
 * README.md's output contract (the table under "Outputs") lists exactly the columns of the tables' codecs and the
 * fields of the JSON files' records, in their order.
 */
class OutputContractTest {

    /** Each row of the README's table, by its first cell, with the names the code writes. */
    static Map<String, List<String>> written() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("`toys/`", Arrays.asList(ToysTable.SCHEMA.fieldNames()));
        m.put("`belts.csv`, `belts/`", Arrays.asList(BeltsTable.SCHEMA.fieldNames()));
        m.put("`scan.csv` (CL 0.6827, 0.9545)", ScanColumns.header(List.of(0.6827, 0.9545)));
        m.put("`summary.json` of neyman, run, demo", Json.fieldNames(RunSummary.class));
        m.put("`summary.json` of interval", Json.fieldNames(IntervalSummary.class));
        m.put("`stage_seconds` entry", Json.fieldNames(org.nsbi.model.output.StageTime.class));
        m.put("`run`", Json.fieldNames(RunInfo.class));
        m.put("`neyman`", Json.fieldNames(NeymanSummary.class));
        m.put("`asimov_closure` entry", Json.fieldNames(AsimovClosure.class));
        m.put("`failed_fits` entry", Json.fieldNames(FailedFits.class));
        m.put("`grid_endpoints` entry", Json.fieldNames(org.nsbi.model.output.GridEndpoint.class));
        m.put("`critical-values.json`", Json.fieldNames(org.nsbi.model.output.CriticalValuesFit.class));
        m.put("`levels` entry", Json.fieldNames(org.nsbi.model.output.CriticalValuesFit.Level.class));
        m.put("`points` entry (critical values)", Json.fieldNames(org.nsbi.model.output.CriticalValuesFit.Point.class));
        m.put("`observed`, `asimov`, `interval`", Json.fieldNames(IntervalResult.class));
        m.put("`intervals` entry", Json.fieldNames(ConfidenceInterval.class));
        m.put("`placement` (neyman: the reference sample for the toys; interval: the scanned data)",
                Json.fieldNames(org.nsbi.model.output.ReferencePlacement.class));
        m.put("`scored.json`, `score`", Json.fieldNames(ScoreSummary.class));
        m.put("`process_closure` entry", Json.fieldNames(org.nsbi.model.output.ProcessClosure.class));
        m.put("`nsbi-output.json`", Json.fieldNames(org.nsbi.model.output.OutputMarker.class));
        m.put("`provenance`", Json.fieldNames(org.nsbi.model.output.Provenance.class));
        m.put("`validation.json`", Json.fieldNames(ValidationSummary.class));
        m.put("`settings` (validation)", Json.fieldNames(ValidationSummary.Settings.class));
        m.put("`ratios` entry", Json.fieldNames(ValidationSummary.Ratio.class));
        m.put("`closure` (validation)", Json.fieldNames(ValidationSummary.Closure.class));
        m.put("`calibration`", Json.fieldNames(ValidationSummary.Calibration.class));
        m.put("`reweighting_auc`", Json.fieldNames(ValidationSummary.ReweightingAuc.class));
        m.put("`ensemble_spread`", Json.fieldNames(ValidationSummary.EnsembleSpread.class));
        m.put("`truth`", Json.fieldNames(ValidationSummary.Truth.class));
        m.put("`members` entry", Json.fieldNames(ValidationSummary.MemberError.class));
        m.put("`coverage.json`", Json.fieldNames(CoverageSummary.class));
        m.put("`run_hashes`", Json.fieldNames(CoverageSummary.RunHashes.class));
        m.put("`truths` entry", Json.fieldNames(CoverageSummary.Truth.class));
        m.put("`coverage` entry", Json.fieldNames(CoverageSummary.Row.class));
        m.put("`simulate.json`", Json.fieldNames(org.nsbi.model.output.SimulateSummary.class));
        m.put("`samples` entry", Json.fieldNames(org.nsbi.model.output.SimulateSummary.Sample.class));
        m.put("`observed` (simulate)", Json.fieldNames(org.nsbi.model.output.SimulateSummary.Observed.class));
        m.put("`summary.json` of train", Json.fieldNames(org.nsbi.model.output.TrainSummary.class));
        m.put("`train.json`", Json.fieldNames(org.nsbi.model.output.TrainReport.class));
        m.put("`networks` entry (train)", Json.fieldNames(org.nsbi.model.output.TrainReport.Network.class));
        return m;
    }

    /** The rows {@code | first cell | `a`, `b`, ... |} of the table in the README's section "Outputs (the contract)". */
    static Map<String, List<String>> documented() throws Exception {
        Map<String, List<String>> m = new LinkedHashMap<>();
        boolean inSection = false;
        for (String line : Files.readAllLines(Path.of("..", "README.md"))) {
            if (line.startsWith("#")) {
                inSection = line.startsWith("### Outputs (the contract)");
            }
            String[] cells = line.split("\\|");
            if (inSection && cells.length == 3 && line.startsWith("| `") && cells[2].strip().startsWith("`")) {
                m.put(cells[1].strip(), Arrays.stream(cells[2].split(","))
                        .map(s -> s.strip().replace("`", "")).toList());
            }
        }
        return m;
    }

    @Test
    void theReadmeListsTheColumnsAndFieldsTheCodeWrites() throws Exception {
        Map<String, List<String>> documented = documented();
        for (Map.Entry<String, List<String>> e : written().entrySet()) {
            assertTrue(documented.containsKey(e.getKey()), "README.md has no row " + e.getKey() + " in its output table");
            assertEquals(e.getValue(), documented.get(e.getKey()), "README.md's row " + e.getKey());
        }
        assertEquals(written().keySet(), documented.keySet(), "README.md's output table has rows no code writes");
    }

    @Test
    void belts_csvHasTheColumnsOfTheBeltsTable() {
        assertEquals(BeltPoint.CSV_HEADER, String.join(",", BeltsTable.SCHEMA.fieldNames()));
    }

    @Test
    void noColumnOrFieldNameHasADot() {
        for (Map.Entry<String, List<String>> e : written().entrySet()) {
            for (String name : e.getValue()) {
                assertTrue(name.matches("[a-z][a-z0-9_]*"), e.getKey() + ": '" + name + "'");
            }
        }
    }
}
