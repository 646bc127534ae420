/**
 * The output contract as records: one record per JSON file a command writes (summary.json of neyman and demo,
 * summary.json of interval, scored.json, validation.json) and the records inside them (Asimov closure, failed
 * fits, an interval result). Field names in the JSON are the components' names in snake_case
 * (each capital letter becomes an underscore and the small letter: {@code sumWAsimov} &rarr;
 * {@code sum_w_asimov}); nuisance-parameter values are keyed by name. Written and read by
 * {@code org.nsbi.model.output.Json}; README.md lists the fields, and a test holds the two together.
 */
package org.nsbi.model.output;
