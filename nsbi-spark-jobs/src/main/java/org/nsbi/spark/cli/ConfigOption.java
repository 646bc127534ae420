package org.nsbi.spark.cli;

import picocli.CommandLine.Option;

/** The analysis config a command works on. */
public final class ConfigOption {

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "The analysis config (YAML; format in nsbi-model/CONFIG.md).")
    String config;
}
