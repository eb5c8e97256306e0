package meshonboarder.helm;

import java.nio.file.Path;
import meshonboarder.istio.ChartRef;

/** Where Helm loads a chart from: each kind of repository turns a chart reference into a local archive or directory. */
public interface ChartSource {

    /** A chart Helm can load from disk; throws ChartNotFound when the repository does not have it. */
    Path fetch(ChartRef chart);
}
