package org.nsbi.it;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout the tests run in (surefire's working folder is the tests module) and its build outputs. */
final class Checkout {

    private Checkout() {
    }

    /** The checkout's root folder: the parent of the tests module. */
    static Path root() {
        Path root = Path.of("").toAbsolutePath().getParent();
        if (root == null || !Files.isDirectory(root.resolve("nsbi-spark-jobs"))) {
            throw new IllegalStateException("expected the tests to run in the tests module of a checkout, ran in "
                    + Path.of("").toAbsolutePath());
        }
        return root;
    }

    /** The shaded jar's file name, {@code nsbi-spark-jobs-<version>-all.jar}, from the build's project version. */
    /** The shaded jar's name in the image: docker/stage-context.sh copies it there without its version. */
    static final String IMAGE_JAR = "nsbi-spark-jobs.jar";

    static String shadedJarName() {
        String version = System.getProperty("nsbi.version");
        if (version == null) {
            throw new IllegalStateException("system property nsbi.version is not set (tests/pom.xml sets it for surefire)");
        }
        return "nsbi-spark-jobs-" + version + "-all.jar";
    }

    /** The built shaded jar; fails with the command that builds it if it is missing. */
    static Path shadedJar() {
        Path jar = root().resolve("nsbi-spark-jobs/target").resolve(shadedJarName());
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no shaded jar at " + jar + "; build it first: mvn -B -ntp -DskipTests package");
        }
        return jar;
    }
}
