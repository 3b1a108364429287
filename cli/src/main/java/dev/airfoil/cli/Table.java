package dev.airfoil.cli;

import dev.airfoil.evaluation.MetricSummary;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Plain-text tables of the generalisation commands. */
final class Table {
    private Table() {
    }

    /** One row per fold (or round) and a final {@code mean ± std} row. */
    static String render(List<String> metrics, List<Map<String, Double>> rows, Map<String, MetricSummary> summary) {
        int w = 8;
        for (String m : metrics) {
            w = Math.max(w, m.length());
        }
        w = Math.max(w, 17);
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-6s", "fold"));
        for (String m : metrics) {
            b.append(String.format(Locale.ROOT, "  %" + w + "s", m));
        }
        b.append('\n');
        for (int i = 0; i < rows.size(); i++) {
            b.append(String.format(Locale.ROOT, "%-6d", i + 1));
            for (String m : metrics) {
                Double v = rows.get(i).get(m);
                b.append(String.format(Locale.ROOT, "  %" + w + "s", v == null ? "" : String.format(Locale.ROOT, "%.4f", v)));
            }
            b.append('\n');
        }
        b.append(String.format(Locale.ROOT, "%-6s", "mean"));
        for (String m : metrics) {
            MetricSummary s = summary.get(m);
            b.append(String.format(Locale.ROOT, "  %" + w + "s", String.format(Locale.ROOT, "%.4f ± %.4f", s.mean(), s.std())));
        }
        return b.toString();
    }

    /** Two columns: name and value. */
    static String pairs(Map<String, Object> values) {
        int w = 0;
        for (String k : values.keySet()) {
            w = Math.max(w, k.length());
        }
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Object v = e.getValue();
            String s = v instanceof Double ? String.format(Locale.ROOT, "%.4f", (Double) v) : String.valueOf(v);
            b.append(String.format(Locale.ROOT, "%-" + w + "s  %s%n", e.getKey(), s));
        }
        return b.toString().stripTrailing();
    }
}
