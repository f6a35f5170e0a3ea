package dev.gatehouse.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.GatehouseExtension;
import dev.gatehouse.testing.Oidc;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Benchmark-style, no timing assertion: API-key checks against client_credentials grants of the
 * demo-api client, on the same server at the same client concurrency. Prints one line,
 * {@code gatehouse.bench apikey_checks_per_s=… client_credentials_per_s=… ratio=…}.
 */
@ExtendWith(GatehouseExtension.class)
@DisplayName("Throughput: API-key checks vs. client_credentials grants")
class ApiKeyThroughputIT {

    private static final int THREADS = Integer.getInteger("gatehouse.bench.threads", 4);
    private static final Duration WARM_UP = Duration.ofSeconds(2);
    private static final Duration RUN = Duration.ofSeconds(Integer.getInteger("gatehouse.bench.seconds", 8));
    private static final int MAX_REQUESTS = Integer.getInteger("gatehouse.bench.requests", 20_000);

    private final GatehouseEnvironment env;
    private final ApiKeys keys;

    ApiKeyThroughputIT(GatehouseEnvironment env) {
        this.env = env;
        this.keys = new ApiKeys(env);
    }

    @Test
    @DisplayName("prints key checks per second, client_credentials grants per second and their ratio")
    void keyChecksVersusClientCredentials() throws Exception {
        String username = Names.unique("bench");
        UUID id = env.store().account(username).password("pw").create();
        String key = keys.create(id, "bench").key();
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Supplier<HttpRequest> check = () -> HttpRequest.newBuilder(URI.create(keys.checkUrl()))
                .header("Content-Type", ApiKeys.FORM)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "api_user=" + ApiKeys.encode(username) + "&api_key=" + ApiKeys.encode(key)))
                .build();
        Supplier<HttpRequest> grant = () -> HttpRequest.newBuilder(
                        URI.create(env.baseUrl() + "/realms/gatehouse/protocol/openid-connect/token"))
                .header("Content-Type", ApiKeys.FORM)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=client_credentials&client_id=demo-api&client_secret=demo-api-secret"))
                .build();

        run(http, check, WARM_UP, MAX_REQUESTS);
        run(http, grant, WARM_UP, MAX_REQUESTS);
        Rate checks = run(http, check, RUN, MAX_REQUESTS);
        Rate grants = run(http, grant, RUN, MAX_REQUESTS);

        // The server's failed-check counter, as monitoring reads it: the bench's own checks all pass.
        long failedChecks = Oidc.json(keys.request("GET", keys.adminUrl("api-key-checks/failures"), keys.admin(), null)
                        .body())
                .get("total")
                .asLong();
        System.out.printf(
                "gatehouse.bench apikey_checks_per_s=%.1f client_credentials_per_s=%.1f ratio=%.2f"
                        + " threads=%d apikey_requests=%d client_credentials_requests=%d"
                        + " apikey_failed_checks_total=%d%n",
                checks.perSecond(),
                grants.perSecond(),
                checks.perSecond() / grants.perSecond(),
                THREADS,
                checks.ok(),
                grants.ok(),
                failedChecks);
        assertThat(checks.failed()).as("failed key checks").isZero();
        assertThat(grants.failed()).as("failed grants").isZero();
    }

    private record Rate(long ok, long failed, double perSecond) {}

    private static Rate run(HttpClient http, Supplier<HttpRequest> request, Duration duration, int maxRequests)
            throws Exception {
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong started = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long begin = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(pool.submit(() -> {
                    while (System.nanoTime() < deadline && started.incrementAndGet() <= maxRequests) {
                        try {
                            HttpResponse<Void> response =
                                    http.send(request.get(), HttpResponse.BodyHandlers.discarding());
                            (response.statusCode() == 200 ? ok : failed).incrementAndGet();
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        return new Rate(ok.get(), failed.get(), ok.get() / seconds);
    }
}
