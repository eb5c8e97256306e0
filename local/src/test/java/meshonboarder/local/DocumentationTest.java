package meshonboarder.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documentation lives in the repository: README.md and docs/ link only to what exists here, name only paths that
 * exist here, and nothing else is cited.
 */
class DocumentationTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*)$");
    // a path from the repository's root, as pages name them in text, code spans and code blocks; not inside a URL
    private static final Pattern REPOSITORY_PATH = Pattern.compile(
            "(?<![\\w./-])((?:functions|local|statemachine|docs|member|\\.ci)/[\\w./*<>-]*)");
    // spelled in two parts so that this file does not match itself
    private static final List<String> OUTSIDE_NOTES = List.of("DESIGN" + ".md", "shared/" + "DESIGN", "../" + "shared");

    @Test
    void markdown_whenLinkingInsideTheRepository_pointsAtFilesAndHeadingsThatExist() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            for (String target : links(page)) {
                if (target.matches("^[a-z]+:.*")) {
                    continue; // https:, mailto:
                }
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(ROOT.relativize(page) + ": " + target + " (no such file)");
                } else if (hash >= 0 && !anchors(resolved).contains(target.substring(hash + 1))) {
                    broken.add(ROOT.relativize(page) + ": " + target + " (no such heading)");
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    /**
     * A path named from the repository's root ({@code functions/helm/src/test/resources/charts}, the module list in
     * a code block) exists. A pattern ({@code statemachine/*.asl.yaml}, {@code statemachine/<machine>.asl.json})
     * matches something; a build output ({@code functions/aws-steps/target/aws-steps.jar}) is not checked in, so
     * its module must exist. Link targets are the test above's.
     */
    @Test
    void markdown_whenNamingRepositoryPaths_namesPathsThatExist() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Path page : pages()) {
            for (String line : Files.readAllLines(page)) {
                Matcher m = REPOSITORY_PATH.matcher(LINK.matcher(line).replaceAll("]()"));
                while (m.find()) {
                    String path = m.group(1).replaceAll("[.]+$", "");
                    if (!exists(path.contains("/target/") ? path.substring(0, path.indexOf("/target/")) : path)) {
                        missing.add(ROOT.relativize(page) + ": " + path);
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    private static boolean exists(String path) throws IOException {
        if (!path.contains("*") && !path.contains("<")) {
            return Files.exists(ROOT.resolve(path));
        }
        String glob = path.replaceAll("<[^>]*>", "*");
        PathMatcher pattern = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        Path fixed = ROOT.resolve(glob.substring(0, Math.max(0, glob.lastIndexOf('/', glob.indexOf('*')))));
        if (!Files.isDirectory(fixed)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(fixed)) {
            return files.map(ROOT::relativize).anyMatch(pattern::matches);
        }
    }

    @Test
    void readme_whenCounted_isShortEnoughToReadInFiveMinutes() throws IOException {
        assertThat(Files.readAllLines(ROOT.resolve("README.md"))).hasSizeLessThanOrEqualTo(300);
    }

    @Test
    void repository_whenSearched_citesNoDesignNotesOutsideIt() throws IOException {
        List<String> citing = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path file : files.filter(Files::isRegularFile).filter(DocumentationTest::isSource).toList()) {
                String text;
                try {
                    text = Files.readString(file);
                } catch (MalformedInputException binary) {
                    continue;
                }
                OUTSIDE_NOTES.stream().filter(text::contains).forEach(n -> citing.add(ROOT.relativize(file) + ": " + n));
            }
        }
        assertThat(citing).as("cite docs/design.md instead").isEmpty();
    }

    private static boolean isSource(Path file) {
        String path = ROOT.relativize(file).toString();
        return !path.startsWith(".git/") && !path.contains("/target/") && !path.startsWith("target/")
                && !path.contains("node_modules/") && !path.endsWith(".jar") && !path.endsWith(".tgz");
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** Link targets outside fenced code blocks. */
    private static List<String> links(Path page) throws IOException {
        List<String> targets = new ArrayList<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(page)) {
            if (line.trim().startsWith("```")) {
                fenced = !fenced;
            } else if (!fenced) {
                Matcher m = LINK.matcher(line);
                while (m.find()) {
                    targets.add(m.group(1));
                }
            }
        }
        return targets;
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
    static Set<String> anchors(Path page) throws IOException {
        Set<String> anchors = new TreeSet<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(page)) {
            if (line.trim().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            Matcher m = HEADING.matcher(line);
            if (!fenced && m.matches()) {
                anchors.add(m.group(1).trim().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "")
                        .replace(' ', '-'));
            }
        }
        return anchors;
    }
}
