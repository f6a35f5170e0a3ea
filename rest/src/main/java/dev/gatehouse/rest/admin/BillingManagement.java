package dev.gatehouse.rest.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.jobs.BillingJob;
import dev.gatehouse.jobs.GatehouseJobs;
import dev.gatehouse.rest.JsonResponses;
import dev.gatehouse.store.BillingRepository.Invoice;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.ErrorResponse;

/** The billing endpoints of the Admin API: the termination preview and running the daily job now. */
final class BillingManagement {

    private final BillingJob job;

    BillingManagement(KeycloakSession session) {
        this.job = session.getProvider(GatehouseJobs.class).billingJob();
    }

    /** The {@code date} query parameter, {@code YYYY-MM-DD}; 400 otherwise. */
    static LocalDate date(String value) {
        if (value == null || value.isBlank()) {
            throw ErrorResponse.error("Give the billing date as date=YYYY-MM-DD", Response.Status.BAD_REQUEST);
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ErrorResponse.error(
                    "The date must be a calendar date written YYYY-MM-DD", Response.Status.BAD_REQUEST);
        }
    }

    Response preview(LocalDate date) {
        List<Invoice> invoices = job.preview(date);
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("date", date.toString());
        ArrayNode accounts = json.putArray("accounts");
        for (Invoice invoice : invoices) {
            ObjectNode row = accounts.addObject();
            row.put("id", invoice.accountId().toString());
            row.put("username", invoice.username());
            row.put("email", invoice.email());
            ObjectNode bill = row.putObject("invoice");
            bill.put("id", invoice.id());
            bill.put("period", invoice.period());
            bill.put("amountDue", invoice.amountDue());
            bill.put("dueDate", invoice.dueDate().toString());
        }
        return JsonResponses.ok(json);
    }

    /**
     * Runs the job for a date up to today: a later date would warn and terminate ahead of time and
     * mark that date as done, so that its scheduled run would never happen. The preview may look ahead.
     */
    Response sweep(LocalDate date) {
        LocalDate today = job.today();
        if (date.isAfter(today)) {
            throw ErrorResponse.error(
                    "The sweep runs for today (" + today + ") or an earlier date, not for " + date
                            + "; the termination preview accepts later dates",
                    Response.Status.BAD_REQUEST);
        }
        BillingJob.Result result;
        try {
            result = job.run(date, "admin");
        } catch (BillingJob.NoMailRealmException e) {
            throw ErrorResponse.error(e.getMessage(), Response.Status.CONFLICT);
        }
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("date", date.toString());
        json.put("warningsSent", result.warningsSent());
        json.put("accountsTerminated", result.accountsTerminated());
        return JsonResponses.ok(json);
    }
}
