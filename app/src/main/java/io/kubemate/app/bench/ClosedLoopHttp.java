package io.kubemate.app.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * {@code connections} threads, each POSTing the next batch as soon as the previous answer arrived, for a warm-up
 * and then a measured window. Only 200 answers that complete inside the window count.
 */
final class ClosedLoopHttp {
    private final URI uri;
    private final LongFunction<byte[]> bodies;
    private final int alertsPerRequest;
    private final HttpClient client;
    private final AtomicLong seq = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    ClosedLoopHttp(URI uri, LongFunction<byte[]> bodies, int alertsPerRequest) {
        this.uri = uri;
        this.bodies = bodies;
        this.alertsPerRequest = alertsPerRequest;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    Throughput run(int connections, int warmupSeconds, int seconds) throws InterruptedException {
        long start = System.nanoTime() + warmupSeconds * 1_000_000_000L;
        long end = start + seconds * 1_000_000_000L;
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Worker worker = new Worker(start, end);
            workers.add(worker);
            worker.thread.start();
        }
        long requests = 0;
        LatencySamples latencies = new LatencySamples();
        for (Worker worker : workers) {
            worker.thread.join();
            requests += worker.ok;
            latencies.addAll(worker.latencies);
        }
        return Throughput.of(requests * alertsPerRequest, seconds, requests, failures.get(), latencies);
    }

    private final class Worker implements Runnable {
        private final long start;
        private final long end;
        private final Thread thread = new Thread(this, "bench-http");
        private final LatencySamples latencies = new LatencySamples();
        private long ok;

        Worker(long start, long end) {
            this.start = start;
            this.end = end;
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            while (System.nanoTime() < end) {
                HttpRequest request = HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.apply(seq.getAndIncrement())))
                        .build();
                long sent = System.nanoTime();
                int status = send(request);
                long done = System.nanoTime();
                if (status != 200) {
                    failures.incrementAndGet();
                } else if (done >= start && done <= end) {
                    ok++;
                    latencies.add(done - sent);
                }
            }
        }

        private int send(HttpRequest request) {
            try {
                return client.send(request, HttpResponse.BodyHandlers.discarding())
                        .statusCode();
            } catch (java.io.IOException e) {
                java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L); // no busy loop on a dead server
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
    }
}
