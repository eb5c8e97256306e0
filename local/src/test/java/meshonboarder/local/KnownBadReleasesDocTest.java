package meshonboarder.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import meshonboarder.istio.IstioReleasePolicy;
import meshonboarder.istio.IstioReleasePolicy.KnownBad;
import org.junit.jupiter.api.Test;

/**
 * The known-bad Istio releases in docs/reconciler.md against {@link IstioReleasePolicy#KNOWN_BAD}, and the template's
 * {@code IstioVersion} default against the policy: the default is the floor, a release no known-bad range covers.
 */
class KnownBadReleasesDocTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
    private static final Pattern RANGE = Pattern.compile("`([^`]+)` to `([^`]+)`");
    private static final Pattern ISSUE = Pattern.compile("istio/istio#(\\d+)");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    @Test
    void docsTable_whenComparedWithTheCode_hasTheSameRows() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("docs/reconciler.md"));
        int line = lines.indexOf("## Known-bad Istio releases");
        assertThat(line).as("the section in docs/reconciler.md").isNotNegative();
        while (!lines.get(line).startsWith("|")) {
            line++;
        }
        List<KnownBad> documented = new ArrayList<>();
        for (line += 2; lines.get(line).startsWith("|"); line++) {
            String row = lines.get(line).trim();
            List<String> cells = Arrays.stream(row.substring(1, row.length() - 1).split("\\|", -1))
                    .map(String::trim).toList();
            Matcher range = RANGE.matcher(cells.get(0));
            Matcher issue = ISSUE.matcher(cells.get(1));
            assertThat(range.matches() && issue.find()).as(row).isTrue();
            List<IstioReleasePolicy.Operation> breaks = new ArrayList<>();
            for (Matcher op = CODE.matcher(cells.get(2)); op.find(); ) {
                breaks.add(IstioReleasePolicy.Operation.valueOf(op.group(1)));
            }
            documented.add(new KnownBad(range.group(1), range.group(2), issue.group(1), Set.copyOf(breaks),
                    cells.get(3), cells.get(4)));
        }

        assertThat(documented).as("docs/reconciler.md, Known-bad Istio releases, against IstioReleasePolicy")
                .containsExactlyElementsOf(IstioReleasePolicy.KNOWN_BAD);
    }

    @Test
    void templateDefault_isTheFloor_andNoKnownBadRelease() {
        Template template = Template.read(ROOT.resolve("template.yaml"));
        String version = String.valueOf(template.parameterDefinitions().get("IstioVersion").get("Default"));

        assertThat(version).isEqualTo(IstioReleasePolicy.FLOOR).isEqualTo(IstioReleasePolicy.DEFAULT_VERSION);
        assertThat(IstioReleasePolicy.knownBad(version)).isEmpty();
    }
}
