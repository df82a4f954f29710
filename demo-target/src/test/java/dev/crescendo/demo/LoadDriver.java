package dev.crescendo.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Closed-model load for the tests: N clients, each sending a fixed number of POSTs back to back, all of
 * it stopped at a deadline. Bounded in count and in time.
 */
final class LoadDriver implements AutoCloseable {
    record Sample(int status, long millis, String body) {}

    private final ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Future<List<Sample>>> running = new ArrayList<>();
    private final long deadlineNanos;

    private LoadDriver(Duration timeLimit) {
        this.deadlineNanos = System.nanoTime() + timeLimit.toNanos();
    }

    static LoadDriver start(String baseUrl, int clientCount, int requestsEach, Duration timeLimit) {
        LoadDriver driver = new LoadDriver(timeLimit);
        for (int c = 0; c < clientCount; c++) {
            String path = "/api/v1/conversations/load-" + c + "/messages";
            driver.running.add(driver.clients.submit(() -> driver.runClient(new DemoClient(baseUrl), path, requestsEach)));
        }
        return driver;
    }

    private List<Sample> runClient(DemoClient client, String path, int requests) throws Exception {
        List<Sample> samples = new ArrayList<>(requests);
        for (int i = 0; i < requests && System.nanoTime() < deadlineNanos; i++) {
            long start = System.nanoTime();
            DemoClient.Reply reply = client.post(path, "{\"text\": \"load " + i + "\", \"author\": \"loadtest\"}");
            samples.add(new Sample(reply.status(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), reply.body()));
        }
        return samples;
    }

    /** Every client's samples, once all have finished (or the time limit cut them off). */
    List<Sample> results() throws Exception {
        List<Sample> all = new ArrayList<>();
        for (Future<List<Sample>> f : running) {
            long left = Math.max(1, deadlineNanos - System.nanoTime()) + TimeUnit.SECONDS.toNanos(15);
            all.addAll(f.get(left, TimeUnit.NANOSECONDS));
        }
        return all;
    }

    static long medianMillis(List<Sample> samples) {
        List<Long> ms = new ArrayList<>(samples.stream().map(Sample::millis).toList());
        Collections.sort(ms);
        return ms.get(ms.size() / 2);
    }

    @Override
    public void close() {
        clients.shutdownNow();
    }
}
