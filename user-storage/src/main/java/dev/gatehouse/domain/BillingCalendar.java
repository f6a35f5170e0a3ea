package dev.gatehouse.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The dates of the billing policy (SPEC P6.2): on which days past an invoice's due date a warning
 * goes out, when the termination sweep runs, which bill run it looks at, and the termination date
 * the last warning announces. Plain Java, no Keycloak.
 *
 * <p>An invoice of period P (a month) is "the previous month's bill run" throughout the month
 * after P; the sweep runs in the last {@value #TERMINATION_WINDOW_DAYS} days of that month.
 */
public final class BillingCalendar {

    /** The sweep terminates in the last seven days of a month. */
    public static final int TERMINATION_WINDOW_DAYS = 7;

    private final List<Integer> offsets;

    /**
     * @param offsets days after the due date on which warnings go out: positive, strictly increasing
     */
    public BillingCalendar(List<Integer> offsets) {
        if (offsets.isEmpty()) {
            throw new IllegalArgumentException("At least one warning offset is needed");
        }
        for (int i = 0; i < offsets.size(); i++) {
            if (offsets.get(i) < 1 || (i > 0 && offsets.get(i) <= offsets.get(i - 1))) {
                throw new IllegalArgumentException(
                        "Warning offsets must be positive whole days in increasing order, not " + offsets);
            }
        }
        this.offsets = List.copyOf(offsets);
    }

    public List<Integer> offsets() {
        return offsets;
    }

    /** The offsets as the warning query binds them: {@code 3,10,17}. */
    public String offsetsSql() {
        return offsets.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** Whether a warning for this offset is the last one, which announces the termination. */
    public boolean isLast(int offset) {
        return offset == offsets.get(offsets.size() - 1);
    }

    /** Whether the sweep terminates accounts on this date. */
    public boolean inTerminationWindow(LocalDate date) {
        return date.getDayOfMonth() > date.lengthOfMonth() - TERMINATION_WINDOW_DAYS;
    }

    /** The period (first day of the month) whose unpaid invoices the sweep of this date terminates. */
    public LocalDate periodToTerminate(LocalDate date) {
        return date.withDayOfMonth(1).minusMonths(1);
    }

    /**
     * The day the sweep terminates the account of an invoice of {@code period} that is still
     * unpaid, as seen on {@code date}: the first day of the window of the month after the period,
     * or {@code date} itself once that window has begun; empty once that month is over, since the
     * sweep only looks at the previous month's bill run.
     */
    public Optional<LocalDate> terminationDate(LocalDate period, LocalDate date) {
        LocalDate month = period.withDayOfMonth(1).plusMonths(1);
        LocalDate windowStart = month.withDayOfMonth(month.lengthOfMonth() - TERMINATION_WINDOW_DAYS + 1);
        LocalDate monthEnd = month.withDayOfMonth(month.lengthOfMonth());
        if (date.isAfter(monthEnd)) {
            return Optional.empty();
        }
        return Optional.of(date.isAfter(windowStart) ? date : windowStart);
    }
}
