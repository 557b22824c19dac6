package dev.irprune.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class CollapseTest {
    @Test
    void aRunAtChanceWithTheUniformLossIsNamedWithItsUsualCauses() {
        // The case seen: width 0.125, dropout 0.5, lr 1e-3 -> accuracy 0.087, loss 2.3044 (ln 10 = 2.3026).
        assertThat(Collapse.warning(new Evaluation(0.087, 2.3044, 500), 10)).hasValueSatisfying(w -> assertThat(w)
                .contains("collapsed").contains("2.3044").contains("L2 of 0.1").contains("dropout"));
        assertThat(Collapse.warning(new Evaluation(0.5, 2.3044, 500), 10)).isEmpty();
        assertThat(Collapse.warning(new Evaluation(0.1, 1.9, 500), 10)).isEmpty();
        // Limits: loss within 1 % of ln(classes), accuracy within 2 points of chance.
        assertThat(Collapse.warning(new Evaluation(0.119, Math.log(10) * 1.0099, 500), 10)).isPresent();
        assertThat(Collapse.warning(new Evaluation(0.121, Math.log(10), 500), 10)).isEmpty();
        assertThat(Collapse.warning(new Evaluation(0.1, Math.log(10) * 1.011, 500), 10)).isEmpty();
        assertThat(Collapse.warning(new Evaluation(0.5, Math.log(2), 500), 2)).isPresent();
    }
}
