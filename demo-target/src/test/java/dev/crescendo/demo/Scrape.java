package dev.crescendo.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/** One Prometheus text-format page, enough of it to read a sample by name and labels. */
record Scrape(String text) {
    /** The sample {@code name} whose labels include every {@code "label=\"value\""} given, if any. */
    OptionalDouble find(String name, String... labels) {
        for (String line : text.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String series = line.substring(0, space);
            String seriesName = series.contains("{") ? series.substring(0, series.indexOf('{')) : series;
            if (seriesName.equals(name) && List.of(labels).stream().allMatch(series::contains)) {
                return OptionalDouble.of(Double.parseDouble(line.substring(space + 1)));
            }
        }
        return OptionalDouble.empty();
    }

    double value(String name, String... labels) {
        return find(name, labels).orElseThrow(() -> new AssertionError("no sample " + name + " " + List.of(labels) + " in\n" + text));
    }

    /** Sum of every sample named {@code name} with the given labels. */
    double sum(String name, String... labels) {
        double total = 0;
        List<String> wanted = new ArrayList<>(List.of(labels));
        for (String line : text.split("\n")) {
            if (line.startsWith(name + "{") && wanted.stream().allMatch(line::contains)) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }
}
