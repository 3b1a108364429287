package dev.airfoil.cli;

import dev.airfoil.data.DatasetInfo;
import dev.airfoil.data.Datasets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code airfoil datasets}: lists the bundled data sets with their shapes, sources and licences. */
@Command(name = "datasets", mixinStandardHelpOptions = true,
        description = "List the bundled data sets (usable as --data NAME[:train|:test]) with shapes and sources.",
        footer = {"", "Examples:", "  airfoil datasets", "  airfoil datasets --json"})
public final class DatasetsCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        List<DatasetInfo> all = Datasets.list();
        if (json) {
            List<Object> out = new ArrayList<>();
            for (DatasetInfo i : all) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", i.name());
                m.put("task", i.task().toString());
                m.put("description", i.description());
                m.put("samples", i.samples());
                m.put("train_samples", i.trainSamples());
                m.put("test_samples", i.testSamples());
                m.put("sample_shape", i.sampleShape());
                m.put("classes", i.classNames());
                m.put("arrays", i.shapes());
                m.put("source", i.source());
                m.put("license", i.license());
                out.add(m);
            }
            System.out.println(Json.object(out));
            return 0;
        }
        for (DatasetInfo i : all) {
            String task = i.task() == DatasetInfo.Task.CLASSIFICATION ? i.numClasses() + " classes" : "regression";
            System.out.printf("%-14s %-13s %s%n", i.name(), task, i.description());
            System.out.printf("%-14s %-13s %s%n", "", "", i.shapes());
            System.out.printf("%-14s %-13s source: %s; licence: %s%n", "", "", i.source(), i.license());
            System.out.println();
        }
        System.out.println("Use one with --data NAME (mnist-10k:train / mnist-10k:test; tables such as iris:train /"
                + " iris:test get a fixed stratified 80/20 split, plain iris is the whole table).");
        return 0;
    }
}
