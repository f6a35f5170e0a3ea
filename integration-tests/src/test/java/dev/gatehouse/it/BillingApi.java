package dev.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.testing.GatehouseEnvironment;
import dev.gatehouse.testing.Oidc;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.UUID;

/** The Admin API's billing endpoints, and bill runs arranged in the store, as the billing tests use them. */
final class BillingApi {

    private final GatehouseEnvironment env;
    private final ApiKeys api;

    BillingApi(GatehouseEnvironment env, ApiKeys api) {
        this.env = env;
        this.api = api;
    }

    HttpResponse<String> sweep(String date, String token) {
        return api.request("POST", api.adminUrl("billing/sweep?date=" + ApiKeys.encode(date)), token, null);
    }

    HttpResponse<String> preview(String date, String token) {
        return api.request(
                "GET", api.adminUrl("billing/termination-preview?date=" + ApiKeys.encode(date)), token, null);
    }

    /** Runs the daily job for a date as the realm admin; must answer 200. */
    JsonNode sweep(LocalDate date) {
        return ok(sweep(date.toString(), api.admin()));
    }

    /** The termination preview of a date as the realm admin; must answer 200. */
    JsonNode preview(LocalDate date) {
        return ok(preview(date.toString(), api.admin()));
    }

    /** An unpaid invoice of the month of {@code period}; returns its id. */
    long invoice(UUID accountId, LocalDate period, String amountDue, LocalDate dueDate) {
        return env.store().invoice(accountId, period, amountDue, dueDate);
    }

    void pay(long invoiceId) {
        env.store().pay(invoiceId);
    }

    private static JsonNode ok(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new AssertionError(
                    response.request().uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return Oidc.json(response.body());
    }
}
