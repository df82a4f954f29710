package dev.crescendo.loadgen.scenario;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The values a variable can take: the fixed list from the scenario, then values extracted from
 * responses. Extracted values go into a bounded ring (newest replace oldest), so a long stage
 * keeps drawing recent, real ids without growing memory. Safe for concurrent use.
 */
public final class ValuePool {
    public static final int DEFAULT_CAPACITY = 1024;

    private final String[] fixed;
    private final AtomicReferenceArray<String> ring;
    private final AtomicLong written = new AtomicLong();

    public ValuePool(List<String> fixedValues, int capacity) {
        this.fixed = fixedValues == null ? new String[0] : fixedValues.toArray(String[]::new);
        this.ring = new AtomicReferenceArray<>(capacity);
    }

    public void add(String value) {
        long slot = written.getAndIncrement();
        ring.set((int) (slot % ring.length()), value);
    }

    public boolean isEmpty() {
        return fixed.length == 0 && written.get() == 0;
    }

    public int size() {
        return fixed.length + (int) Math.min(written.get(), ring.length());
    }

    /** A uniformly random value, or null when the pool is empty. */
    public String pick() {
        int extracted = (int) Math.min(written.get(), ring.length());
        int total = fixed.length + extracted;
        if (total == 0) {
            return null;
        }
        int i = ThreadLocalRandom.current().nextInt(total);
        if (i < fixed.length) {
            return fixed[i];
        }
        String value = ring.get(i - fixed.length);
        // A slot being filled for the first time by another thread may still read null.
        return value != null ? value : (fixed.length > 0 ? fixed[0] : ring.get(0));
    }
}
