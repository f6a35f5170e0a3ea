package dev.gatehouse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Timings: the enumeration phase's statistics")
class TimingsTest {

    @Nested
    @DisplayName("Mann-Whitney U, two-sided, asymptotic (reference values from scipy.stats.mannwhitneyu)")
    class MannWhitney {

        @Test
        @DisplayName("clearly shifted samples give a small p-value")
        void shifted() {
            Timings known = new Timings(new double[] {12.1, 12.5, 13.0, 12.2, 12.9, 14.1, 12.4, 12.8, 13.3, 12.0});
            Timings unknown = new Timings(new double[] {22.1, 21.0, 12.9, 23.5, 20.2, 22.8, 19.9, 21.7, 22.0, 24.1});

            assertThat(Timings.mannWhitneyP(known, unknown)).isCloseTo(0.0005040758, within(1e-6));
            assertThat(Timings.mannWhitneyP(unknown, known)).isCloseTo(0.0005040758, within(1e-6));
        }

        @Test
        @DisplayName("ties get average ranks and the tie correction")
        void ties() {
            Timings a = new Timings(new double[] {1, 2, 2, 3, 3, 3, 4, 5});
            Timings b = new Timings(new double[] {2, 3, 4, 4, 5, 5, 6, 6});

            assertThat(Timings.mannWhitneyP(a, b)).isCloseTo(0.0544571601, within(1e-6));
        }

        @Test
        @DisplayName("identical samples give 1, an empty one NaN")
        void degenerate() {
            Timings same = new Timings(new double[] {5, 5, 5});

            assertThat(Timings.mannWhitneyP(same, same)).isEqualTo(1.0);
            assertThat(Timings.mannWhitneyP(same, new Timings(new double[0]))).isNaN();
        }
    }

    @Test
    @DisplayName("p-values print with three decimals, or as below 0.001")
    void pValue() {
        assertThat(Timings.pValue(0.12996)).isEqualTo("p = 0.130");
        assertThat(Timings.pValue(0.0004)).isEqualTo("p < 0.001");
    }

    @Test
    @DisplayName("the median of an even sample is the mean of the middle two")
    void median() {
        assertThat(new Timings(new double[] {4, 1, 3, 2}).median()).isEqualTo(2.5);
        assertThat(new Timings(new double[] {9, 1, 5}).median()).isEqualTo(5.0);
    }

    @Test
    @DisplayName("the gap is the slower median's excess over the faster one, either way round")
    void gap() {
        assertThat(Timings.gapPercent(12.5, 22.1)).isCloseTo(76.8, within(1e-9));
        assertThat(Timings.gapPercent(22.1, 12.5)).isCloseTo(76.8, within(1e-9));
        assertThat(Timings.gapPercent(0, 1)).isNaN();
    }
}
