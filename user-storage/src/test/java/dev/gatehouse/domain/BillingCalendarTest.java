package dev.gatehouse.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("BillingCalendar")
class BillingCalendarTest {

    private final BillingCalendar calendar = new BillingCalendar(List.of(3, 10, 17));

    @Nested
    @DisplayName("offsets")
    class Offsets {

        @Test
        @DisplayName("the largest offset is the last warning; the SQL form lists them all")
        void last() {
            assertThat(calendar.isLast(17)).isTrue();
            assertThat(calendar.isLast(10)).isFalse();
            assertThat(calendar.offsetsSql()).isEqualTo("3,10,17");
        }

        @Test
        @DisplayName("refuses no offsets, zero or negative days, and offsets out of order or repeated")
        void refused() {
            for (List<Integer> bad :
                    List.of(List.<Integer>of(), List.of(0), List.of(-3, 10), List.of(10, 3), List.of(3, 3))) {
                assertThatThrownBy(() -> new BillingCalendar(bad))
                        .as("%s", bad)
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    @Nested
    @DisplayName("inTerminationWindow()")
    class Window {

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({
            "2031-01-24, false",
            "2031-01-25, true",
            "2031-01-31, true",
            "2031-02-21, false",
            "2031-02-22, true",
            "2032-02-22, false",
            "2032-02-23, true",
            "2031-04-23, false",
            "2031-04-24, true",
            "2031-05-01, false"
        })
        @DisplayName("is the last seven days of the month, leap years and 30-day months included")
        void lastSevenDays(LocalDate date, boolean expected) {
            assertThat(calendar.inTerminationWindow(date)).isEqualTo(expected);
        }
    }

    @Test
    @DisplayName("the sweep looks at the bill run of the month before the date's")
    void periodToTerminate() {
        assertThat(calendar.periodToTerminate(LocalDate.parse("2031-01-28"))).isEqualTo(LocalDate.parse("2030-12-01"));
        assertThat(calendar.periodToTerminate(LocalDate.parse("2031-03-31"))).isEqualTo(LocalDate.parse("2031-02-01"));
    }

    @Nested
    @DisplayName("terminationDate()")
    class TerminationDate {

        @ParameterizedTest(name = "period {0}, seen on {1} -> {2}")
        @CsvSource({
            "2031-01-01, 2031-01-20, 2031-02-22",
            "2031-01-01, 2031-02-03, 2031-02-22",
            "2031-01-01, 2031-02-22, 2031-02-22",
            "2031-01-01, 2031-02-25, 2031-02-25",
            "2031-03-01, 2031-04-10, 2031-04-24"
        })
        @DisplayName("is the window's first day of the month after the period, or today once the window began")
        void inWindow(LocalDate period, LocalDate date, LocalDate expected) {
            assertThat(calendar.terminationDate(period, date)).contains(expected);
        }

        @Test
        @DisplayName("is none once the month after the period is over: the invoice is no longer the previous month's")
        void over() {
            assertThat(calendar.terminationDate(LocalDate.parse("2031-01-01"), LocalDate.parse("2031-03-01")))
                    .isEmpty();
        }
    }
}
