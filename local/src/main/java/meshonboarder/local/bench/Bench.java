package meshonboarder.local.bench;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * One run of {@code ./bench}, as its sections see it: where they measure (the project root, and
 * {@code local/target/bench} for their files) and where they write (progress lines to {@code out}, Markdown tables
 * to {@code report}).
 */
record Bench(Path root, Path work, PrintStream out, PrintStream report) {
}
