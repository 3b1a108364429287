package dev.airfoil.cli.bench;

import dev.airfoil.layers.core.Dense;
import dev.airfoil.models.Sequential;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The benchmark's workload list and models (the measurements themselves are not unit-tested). */
class EndToEndBenchmarkTest {
    @Test
    void allRunsThePerformanceIssuesSevenWorkloadsAndTheGeluOnesOnRequest() {
        assertEquals(List.of("mlp-train-32", "mlp-train-128", "convnet-train-128", "mlp-infer-1000", "mlp-latency",
                "convnet-infer-1000", "convnet-latency"),
                EndToEndBenchmark.Workload.standard().stream().map(EndToEndBenchmark.Workload::id).toList());
        assertEquals("mlpgelu", EndToEndBenchmark.Workload.of("mlpgelu-train-32").model);
        assertEquals(1000, EndToEndBenchmark.Workload.of("mlpgelu-infer-1000").batch);
        assertThrows(IllegalArgumentException.class, () -> EndToEndBenchmark.Workload.of("mlp-gelu"));
    }

    @Test
    void theGeluMlpIsTheSeedMlpWithGeluHiddenLayers() {
        Sequential relu = EndToEndBenchmark.mlp();
        Sequential gelu = EndToEndBenchmark.mlp("gelu");
        assertEquals(List.of("relu:300", "relu:100", "softmax:10"), denseLayers(relu));
        assertEquals(List.of("gelu:300", "gelu:100", "softmax:10"), denseLayers(gelu));
        assertEquals(EndToEndBenchmark.forwardMacs("mlp"), EndToEndBenchmark.forwardMacs("mlpgelu"));
    }

    private static List<String> denseLayers(Sequential m) {
        return m.layers().stream().filter(l -> l instanceof Dense).map(l -> (Dense) l)
                .map(d -> d.activation().name() + ":" + d.units()).toList();
    }
}
