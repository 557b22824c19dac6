package dev.irprune.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class PyFloatTest {
    /** Each pair: a double and what Python 3 prints for repr() of it (checked with CPython 3.11). */
    @Test
    void matchesPythonRepr() {
        Object[][] cases = {
            {0.3, "0.3"}, {0.8, "0.8"}, {1.0, "1.0"}, {2.7, "2.7"}, {0.1 + 0.2, "0.30000000000000004"},
            {0.8734999895095825, "0.8734999895095825"}, {(double) 0.8735f, "0.8734999895095825"},
            {1e-5, "1e-05"}, {1.5e-7, "1.5e-07"}, {0.0001, "0.0001"}, {1e16, "1e+16"}, {1234567890123456.0, "1234567890123456.0"},
            {12345678901234567.0, "1.2345678901234568e+16"}, {100.0, "100.0"}, {-2.5, "-2.5"}, {0.0, "0.0"},
            {3.14159, "3.14159"}, {5e-324, "5e-324"}, {1.7976931348623157e308, "1.7976931348623157e+308"},
            {123.456, "123.456"}, {0.00012, "0.00012"}, {Double.NaN, "nan"}, {Double.POSITIVE_INFINITY, "inf"},
        };
        for (Object[] c : cases) {
            assertThat(PyFloat.repr((double) c[0])).as("repr(%s)", c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void dataStatsNameAndLineFollowTheReference() {
        assertThat(DataStats.fileName(0.8, 0.3)).isEqualTo("data_stats0.80.3");
        assertThat(DataStats.fileName(1, 0)).isEqualTo("data_stats1.00.0");
        assertThat(DataStats.line(0.8735, 2.7, 0.8, 0.3)).isEqualTo(
                "Model Accuracy AFTER REGRESSION  is 0.8734999895095825 prun_ratio_ach 2.7 SIMILARITY 0.8 ENTROPY 0.3");
    }
}
