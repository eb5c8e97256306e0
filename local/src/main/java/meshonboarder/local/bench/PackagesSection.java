package meshonboarder.local.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import meshonboarder.local.Template;

/**
 * Deployment packages: each jar that template.yaml's CodeUri names, zipped and unzipped against Lambda's limit of
 * 250 MB unzipped, and what takes the most room in each.
 */
final class PackagesSection {

    private static final double MB = 1024.0 * 1024.0;
    private static final long LAMBDA_UNZIPPED_LIMIT = 250L * 1024 * 1024;

    private final Path root;
    private final PrintStream report;

    PackagesSection(Bench bench) {
        this.root = bench.root();
        this.report = bench.report();
    }

    void print() throws IOException {
        Template template = Template.read(root.resolve("template.yaml"));
        Map<String, List<String>> functions = new LinkedHashMap<>();
        Map<String, String> architectures = new LinkedHashMap<>();
        template.resources(Benchmarks.FUNCTION).keySet().forEach(id -> {
            String jar = template.properties(id).get("CodeUri").toString();
            functions.computeIfAbsent(jar, j -> new ArrayList<>()).add(id);
            architectures.put(jar, String.valueOf(template.properties(id).get("Architectures")).replaceAll("[\\[\\]]", ""));
        });
        report.println();
        report.println("## Deployment packages");
        report.println();
        Table table = new Table("package (CodeUri)", "arch", "functions>", "bytes>", "MB>", "unzipped MB>",
                "of 250 MB>", "classes>", "entries>");
        Table parts = new Table("package", "largest parts (unzipped)", "MB>");
        for (var jar : functions.entrySet()) {
            Path file = root.resolve(jar.getKey());
            if (!Files.exists(file)) {
                table.row(jar.getKey(), architectures.get(jar.getKey()), jar.getValue().size(), "not built");
                continue;
            }
            long unzipped = 0;
            int entries = 0;
            int classes = 0;
            Map<String, Long> byPart = new LinkedHashMap<>();
            try (ZipFile zip = new ZipFile(file.toFile())) {
                for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                    ZipEntry entry = e.nextElement();
                    if (!entry.isDirectory()) {
                        unzipped += entry.getSize();
                        entries++;
                        classes += entry.getName().endsWith(".class") ? 1 : 0;
                        byPart.merge(part(entry.getName()), entry.getSize(), Long::sum);
                    }
                }
            }
            String name = file.getFileName().toString();
            byPart.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(4)
                    .forEach(p -> parts.row(name, p.getKey(), mb(p.getValue())));
            long bytes = Files.size(file);
            table.row(jar.getKey(), architectures.get(jar.getKey()), jar.getValue().size(), String.format("%,d", bytes),
                    mb(bytes), mb(unzipped), String.format("%.0f %%", 100.0 * unzipped / LAMBDA_UNZIPPED_LIMIT),
                    String.format("%,d", classes), String.format("%,d", entries));
        }
        table.print(report);
        report.println();
        report.println("MB = 2^20 bytes; Lambda's limit is 250 MB unzipped (262,144,000 bytes, the sum of the entries). "
                + "Functions that share a CodeUri share its jar.");
        report.println();
        parts.print(report);
    }

    /** What an entry belongs to: its package down to five levels (software/amazon/awssdk/services/ec2), or itself. */
    private static String part(String entry) {
        String[] segments = entry.split("/");
        if (segments.length == 1) {
            return entry;
        }
        return String.join("/", Arrays.copyOf(segments, Math.min(5, segments.length - 1))) + "/";
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / MB);
    }
}
