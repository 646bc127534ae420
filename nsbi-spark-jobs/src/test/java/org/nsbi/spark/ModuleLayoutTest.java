package org.nsbi.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * README's "Where things live", checked on the sources: a class of nsbi-spark-jobs outside the command line
 * ({@code cli}) uses Spark or Hadoop itself, and no module's packages depend on each other in a cycle.
 */
class ModuleLayoutTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern SPARK = Pattern.compile("\\borg\\.apache\\.(spark|hadoop)\\.");
    private static final Pattern NSBI_TYPE = Pattern.compile("\\b(org\\.nsbi(?:\\.[a-z][a-z0-9]*)+)\\.[A-Z]");

    @Test
    void everyClassOfTheSparkModuleOutsideTheCommandLineUsesSparkOrHadoop() {
        Path main = ROOT.resolve("nsbi-spark-jobs/src/main/java");
        Map<String, String> codeOf = new TreeMap<>();
        for (Path f : javaFiles(main)) {
            codeOf.put(className(main, f), code(f));
        }
        // a class uses Spark if it names Spark or Hadoop, or a class of this module that does (e.g. a holder of
        // distributed events): the closure over the module's own classes
        Set<String> usesSpark = new TreeSet<>();
        codeOf.forEach((name, code) -> {
            if (SPARK.matcher(code).find()) {
                usesSpark.add(name);
            }
        });
        for (boolean grew = true; grew; ) {
            grew = false;
            for (Map.Entry<String, String> e : codeOf.entrySet()) {
                if (!usesSpark.contains(e.getKey()) && namesAnyOf(e.getKey(), e.getValue(), usesSpark)) {
                    usesSpark.add(e.getKey());
                    grew = true;
                }
            }
        }
        List<String> tied = new ArrayList<>();
        for (String name : usesSpark) {
            if (!name.startsWith("org.nsbi.spark.cli.") && !SPARK.matcher(codeOf.get(name)).find()) {
                tied.add(name);
            }
        }
        assertEquals(List.of(), tied, "classes of nsbi-spark-jobs that name no Spark or Hadoop type and use Spark only"
                + " through another class of the module (their Spark-free part belongs in nsbi-stats or nsbi-model)");
        List<String> sparkFree = new ArrayList<>();
        for (String name : codeOf.keySet()) {
            if (!name.startsWith("org.nsbi.spark.cli.") && !name.endsWith("package-info") && !usesSpark.contains(name)) {
                sparkFree.add(name);
            }
        }
        assertEquals(List.of(), sparkFree,
                "classes of nsbi-spark-jobs that use neither Spark nor Hadoop (they belong in nsbi-stats or nsbi-model)");
    }

    /** Whether the code of class {@code self} names one of {@code classes}: fully qualified, or by its simple name in the same package. */
    private static boolean namesAnyOf(String self, String code, Set<String> classes) {
        String pkg = self.substring(0, self.lastIndexOf('.'));
        for (String c : classes) {
            String simple = c.substring(c.lastIndexOf('.') + 1);
            boolean samePackage = c.substring(0, c.lastIndexOf('.')).equals(pkg);
            if (code.contains(c + ";") || code.contains(c + ".")
                    || samePackage && Pattern.compile("\\b" + simple + "\\b").matcher(code).find()) {
                return true;
            }
        }
        return false;
    }

    @Test
    void noModuleHasAPackageCycle() {
        for (String module : List.of("nsbi-stats", "nsbi-model", "nsbi-spark-jobs")) {
            Map<String, Set<String>> uses = packageGraph(ROOT.resolve(module + "/src/main/java"));
            List<String> cycles = cycles(uses);
            assertTrue(cycles.isEmpty(), module + ": package cycles " + cycles);
        }
    }

    @Test
    void theCycleFinderFindsACycle() {
        Map<String, Set<String>> g = new TreeMap<>();
        g.put("a", Set.of("b"));
        g.put("b", Set.of("c"));
        g.put("c", Set.of("a"));
        g.put("d", Set.of("a"));
        assertEquals(List.of("[a, b, c]"), cycles(g));
    }

    /** Package to the other org.nsbi packages its classes name (imports and qualified names). */
    static Map<String, Set<String>> packageGraph(Path main) {
        Map<String, Set<String>> uses = new TreeMap<>();
        for (Path f : javaFiles(main)) {
            String name = className(main, f);
            String pkg = name.substring(0, name.lastIndexOf('.'));
            Set<String> to = uses.computeIfAbsent(pkg, k -> new TreeSet<>());
            Matcher m = NSBI_TYPE.matcher(code(f));
            while (m.find()) {
                if (!m.group(1).equals(pkg)) {
                    to.add(m.group(1));
                }
            }
        }
        return uses;
    }

    /** The strongly connected components with more than one package (Tarjan), each sorted. */
    static List<String> cycles(Map<String, Set<String>> g) {
        Map<String, Integer> index = new TreeMap<>();
        Map<String, Integer> low = new TreeMap<>();
        List<String> stack = new ArrayList<>();
        List<String> out = new ArrayList<>();
        for (String v : g.keySet()) {
            if (!index.containsKey(v)) {
                connect(v, g, index, low, stack, out);
            }
        }
        return out;
    }

    private static void connect(String v, Map<String, Set<String>> g, Map<String, Integer> index,
                                Map<String, Integer> low, List<String> stack, List<String> out) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.add(v);
        for (String w : g.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, g, index, low, stack, out);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (stack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.remove(stack.size() - 1);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                out.add(component.toString());
            }
        }
    }

    private static List<Path> javaFiles(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String className(Path root, Path f) {
        String rel = root.relativize(f).toString().replace('\\', '/');
        return rel.substring(0, rel.length() - ".java".length()).replace('/', '.');
    }

    /** The source without its comments (names in comments are not uses). */
    private static String code(Path f) {
        return read(f).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^\\s*//.*$", "");
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
