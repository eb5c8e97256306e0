package meshonboarder.local.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The machine and the date the figures hold for: CPU, cores, memory, OS, the JVM. */
final class MachineSection {

    private MachineSection() {
    }

    static void print(PrintStream report) {
        report.println("## Machine");
        report.println();
        report.printf("- %s, %d cores (nproc), %s memory, %s %s%n", cpu(), Runtime.getRuntime().availableProcessors(),
                memory(), System.getProperty("os.name"), System.getProperty("os.version"));
        report.printf("- java %s (%s), the same JVM for the runner and the fresh JVMs%n",
                System.getProperty("java.runtime.version"), System.getProperty("java.vm.name"));
        report.printf("- %s%n", ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")));
    }

    private static String cpu() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(System.getProperty("os.arch"));
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
    }

    private static String memory() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> String.format(Locale.ROOT, "%.1f GiB",
                            Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0))
                    .findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }
}
