package org.nsbi.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.nsbi.spark.cli.NsbiCommand;
import picocli.CommandLine;

/**
 * Checks one job of a deploy manifest against the nsbi command line and the safe defaults: the main class is
 * {@link NsbiCommand}, the application is the shaded jar, the command exists and picocli accepts its arguments,
 * paths into the image name files the image carries, {@code spark.authenticate} is on with a secret that is not
 * written in the file, the UI is off and nothing binds beyond 127.0.0.1. Each problem is one message that names
 * the manifest and what was expected.
 */
final class DeployJobChecks {

    /** Where docker/Dockerfile installs the checkout's files, and the folders of it the image carries. */
    static final String IMAGE_HOME = "/opt/nsbi/nsbi-spark/";
    static final List<String> IMAGE_FOLDERS = List.of("lib/", "submit/examples/", "deploy/config/");

    /** Airflow's date macros and a value of each, for arguments that must parse as numbers. */
    private static final Map<String, String> AIRFLOW_MACROS = Map.of("{{ ds_nodash }}", "20260101", "{{ ds }}", "2026-01-01");

    /** A secret taken from an Airflow connection at run time. */
    static final Pattern CONNECTION_SECRET = Pattern.compile("\\{\\{\\s*conn\\.\\w+\\.password\\s*}}");

    private final String jarName;
    private final Path repo;

    /**
     * @param jarName the shaded jar's file name in the image, {@code nsbi-spark-jobs.jar}
     * @param repo    the checkout, for the files a job names inside the image
     */
    DeployJobChecks(String jarName, Path repo) {
        this.jarName = jarName;
        this.repo = repo;
    }

    List<String> problems(SubmittedJob job) {
        List<String> problems = new ArrayList<>();
        String src = job.source() + ": ";
        if (!NsbiCommand.class.getName().equals(job.mainClass())) {
            problems.add(src + "main class '" + job.mainClass() + "', expected " + NsbiCommand.class.getName());
        }
        String app = job.application() == null ? "" : job.application();
        if (!app.substring(app.lastIndexOf('/') + 1).equals(jarName)) {
            problems.add(src + "application '" + job.application() + "' is not the shaded jar " + jarName);
        }
        problems.addAll(commandProblems(src, job.args()));
        for (String arg : job.args()) {
            if (arg.startsWith(IMAGE_HOME)) {
                String rel = arg.substring(IMAGE_HOME.length());
                if (IMAGE_FOLDERS.stream().noneMatch(rel::startsWith)) {
                    problems.add(src + "names " + arg + ", outside what the image carries under " + IMAGE_HOME
                            + " " + IMAGE_FOLDERS);
                } else if (!rel.startsWith("lib/") && !Files.exists(repo.resolve(rel))) {
                    problems.add(src + "names " + arg + ", but the checkout has no " + rel);
                }
            }
        }
        problems.addAll(securityProblems(src, job));
        return problems;
    }

    private static List<String> commandProblems(String src, List<String> args) {
        if (args.isEmpty()) {
            return List.of(src + "no nsbi command in the arguments");
        }
        CommandLine nsbi = NsbiCommand.commandLine();
        if (!nsbi.getSubcommands().containsKey(args.get(0))) {
            return List.of(src + "'" + args.get(0) + "' is not an nsbi command (it has " + nsbi.getSubcommands().keySet() + ")");
        }
        String[] rendered = args.stream().map(DeployJobChecks::renderMacros).toArray(String[]::new);
        try {
            nsbi.parseArgs(rendered);
            return List.of();
        } catch (CommandLine.ParameterException e) {
            return List.of(src + "nsbi " + args.get(0) + " does not accept " + args.subList(1, args.size()) + ": " + e.getMessage());
        }
    }

    private static String renderMacros(String arg) {
        String out = arg;
        for (Map.Entry<String, String> m : AIRFLOW_MACROS.entrySet()) {
            out = out.replace(m.getKey(), m.getValue());
        }
        return out;
    }

    private static List<String> securityProblems(String src, SubmittedJob job) {
        List<String> problems = new ArrayList<>();
        Map<String, String> conf = job.conf();
        if (!"true".equals(conf.get("spark.authenticate"))) {
            problems.add(src + "spark.authenticate must be \"true\", found " + quoted(conf.get("spark.authenticate")));
        }
        String secret = conf.get("spark.authenticate.secret");
        String file = conf.get("spark.authenticate.secret.file");
        if (secret != null && !CONNECTION_SECRET.matcher(secret).matches()) {
            problems.add(src + "spark.authenticate.secret is written in the file; take it from an Airflow connection "
                    + "({{ conn.<id>.password }}) or a Kubernetes Secret (spark.authenticate.secret.file)");
        } else if (secret == null && file == null) {
            problems.add(src + "no secret for spark.authenticate: expected spark.authenticate.secret from an Airflow "
                    + "connection or spark.authenticate.secret.file in a mounted Kubernetes Secret");
        }
        if (file != null && job.secretMounts().stream().noneMatch(m -> file.startsWith(m.endsWith("/") ? m : m + "/"))) {
            problems.add(src + "spark.authenticate.secret.file " + file + " is not in a Kubernetes Secret mounted into "
                    + "both the driver and the executors (mounted: " + job.secretMounts() + ")");
        }
        if (!"false".equals(conf.get("spark.ui.enabled"))) {
            problems.add(src + "spark.ui.enabled must be \"false\" (the UI listens on every interface), found "
                    + quoted(conf.get("spark.ui.enabled")));
        }
        conf.forEach((key, value) -> {
            if ((key.endsWith("bindAddress") || key.equals("spark.driver.host")) && !value.contains("127.0.0.1")) {
                problems.add(src + key + " = " + value + ": expected 127.0.0.1 unless the user sets another address");
            }
        });
        return problems;
    }

    private static String quoted(String value) {
        return value == null ? "nothing" : "\"" + value + "\"";
    }
}
