package meshonboarder.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * Every deployment jar that template.yaml's CodeUri names fits Lambda's limit of 250 MB (262,144,000 bytes) for the
 * unzipped package, the sum of its entries (Helm's native
 * library alone is 93 MB). The jars are built in the package phase of the function modules, before this module's
 * tests; when they were built without shading (./run-local), there is nothing to check.
 */
class PackageSizeTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
    private static final long LAMBDA_LIMIT = 262_144_000L;

    @Test
    void codeUri_whenShaded_fitsLambdasUnzippedLimit() throws IOException {
        Template template = Template.read(ROOT.resolve("template.yaml"));
        var jars = new TreeSet<String>();
        template.resources("AWS::Serverless::Function").keySet()
                .forEach(id -> jars.add(template.properties(id).get("CodeUri").toString()));
        for (String uri : jars) {
            Path jar = ROOT.resolve(uri);
            assumeTrue(Files.exists(jar) && Files.size(jar) > 5_000_000, uri + " is not a shaded jar here");
            long unzipped;
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                unzipped = zip.stream().mapToLong(e -> Math.max(0, e.getSize())).sum();
            }
            assertThat(unzipped).as(uri + " unzipped (bytes)").isLessThan(LAMBDA_LIMIT);
        }
    }
}
