package io.kubemate.app.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kubemate.app.replay.ReplayScore.Prediction;
import io.kubemate.app.replay.ReplayScore.Result;
import io.kubemate.app.replay.ReplayScore.Truth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Hand-computed cases; the arithmetic is spelled out next to each expectation. */
class ReplayScoreTest {
    private static final Set<String> FIVE = Set.of("a1", "a2", "a3", "a4", "a5");
    private static final Map<String, String> X3_Y2 = Map.of("a1", "X", "a2", "X", "a3", "X", "a4", "Y", "a5", "Y");

    @Test
    void oneAlertOnTheWrongSideHalvesPrecisionAndRecall() {
        // truth {a1,a2,a3} {a4,a5}; predicted {a1,a2} {a3,a4,a5}
        Result result = ReplayScore.score(
                new Truth(FIVE, X3_Y2, Map.of()),
                new Prediction(Map.of("a1", "I1", "a2", "I1", "a3", "I2", "a4", "I2", "a5", "I2"), Map.of()));

        // true pairs: C(3,2) + C(2,2) = 4; predicted: C(2,2) + C(3,2) = 4; correct: a1a2 + a4a5 = 2
        assertThat(result.truePairs()).isEqualTo(4);
        assertThat(result.predictedPairs()).isEqualTo(4);
        assertThat(result.correctPairs()).isEqualTo(2);
        assertThat(result.precision()).isEqualTo(0.5);
        assertThat(result.recall()).isEqualTo(0.5);
        assertThat(result.f1()).isEqualTo(0.5);
        assertThat(result.incidents()).isEqualTo(2);
        assertThat(result.compression()).isEqualTo(2.5);
    }

    @Test
    void mergingTwoTruthsKeepsRecallAndCostsPrecision() {
        // everything in one incident: predicted C(5,2) = 10 pairs, correct 4 -> P 0.4, R 1, F1 = 0.8/1.4
        Result result = ReplayScore.score(
                new Truth(FIVE, X3_Y2, Map.of()),
                new Prediction(Map.of("a1", "I", "a2", "I", "a3", "I", "a4", "I", "a5", "I"), Map.of()));

        assertThat(result.precision()).isEqualTo(0.4);
        assertThat(result.recall()).isEqualTo(1.0);
        assertThat(result.f1()).isCloseTo(0.8 / 1.4, within(1e-12));
        assertThat(result.compression()).isEqualTo(5.0);
    }

    @Test
    void perfectGroupingScoresOne() {
        Result result = ReplayScore.score(
                new Truth(FIVE, X3_Y2, Map.of()),
                new Prediction(Map.of("a1", "I1", "a2", "I1", "a3", "I1", "a4", "I2", "a5", "I2"), Map.of()));

        assertThat(result.f1()).isEqualTo(1.0);
        assertThat(result.isLabelled()).isTrue();
    }

    @Test
    void anAlertNoIncidentHoldsIsAGroupOfItsOwn() {
        // truth {a1,a2}; a2 never placed: 1 true pair, 0 predicted -> P 1 (nothing claimed), R 0, F1 0
        Result result = ReplayScore.score(
                new Truth(Set.of("a1", "a2"), Map.of("a1", "X", "a2", "X"), Map.of()),
                new Prediction(Map.of("a1", "I1"), Map.of()));

        assertThat(result.precision()).isEqualTo(1.0);
        assertThat(result.recall()).isEqualTo(0.0);
        assertThat(result.f1()).isEqualTo(0.0);
        assertThat(result.placedAlerts()).isEqualTo(1);
        assertThat(result.alerts()).isEqualTo(2);
    }

    @Test
    void unlabelledAlertsCountAsAlertsButNotInPairs() {
        // b1 has no label but shares I1: compression counts it, pairs do not
        Result result = ReplayScore.score(
                new Truth(Set.of("a1", "a2", "b1"), Map.of("a1", "X", "a2", "X"), Map.of()),
                new Prediction(Map.of("a1", "I1", "a2", "I1", "b1", "I1"), Map.of()));

        assertThat(result.labelledAlerts()).isEqualTo(2);
        assertThat(result.predictedPairs()).isEqualTo(1);
        assertThat(result.f1()).isEqualTo(1.0);
        assertThat(result.compression()).isEqualTo(3.0);
    }

    @Test
    void noLabelsMeansNothingToScore() {
        Result result = ReplayScore.score(
                new Truth(Set.of("a1"), Map.of(), Map.of()), new Prediction(Map.of("a1", "I1"), Map.of()));

        assertThat(result.isLabelled()).isFalse();
        assertThat(result.accuracyAt1()).isNaN();
    }

    @Test
    void originAccuracyUsesTheIncidentHoldingMostOfTheTruth() {
        // X's alerts: 2 in I1, 1 in I2 -> I1, whose 2nd candidate is postgres: miss at 1, hit at 3
        // Y's alerts: both in I2, ranked first -> hit at 1 and 3
        Result result = ReplayScore.score(
                new Truth(FIVE, X3_Y2, Map.of("X", "postgres", "Y", "redis")),
                new Prediction(
                        Map.of("a1", "I1", "a2", "I1", "a3", "I2", "a4", "I2", "a5", "I2"),
                        Map.of("I1", List.of("checkout", "postgres", "frontend"), "I2", List.of("redis"))));

        assertThat(result.origins())
                .extracting(ReplayScore.Origin::label, ReplayScore.Origin::incident, ReplayScore.Origin::hitAt1)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("X", "I1", false),
                        org.assertj.core.groups.Tuple.tuple("Y", "I2", true));
        assertThat(result.accuracyAt1()).isEqualTo(0.5);
        assertThat(result.accuracyAt3()).isEqualTo(1.0);
    }

    @Test
    void aTieGoesToTheSmallestIncidentIdAndTheFourthCandidateIsNoHitAt3() {
        Result result = ReplayScore.score(
                new Truth(Set.of("a1", "a2"), Map.of("a1", "X", "a2", "X"), Map.of("X", "db")),
                new Prediction(
                        Map.of("a1", "I2", "a2", "I1"),
                        Map.of("I1", List.of("a", "b", "c", "db"), "I2", List.of("db"))));

        assertThat(result.origins().get(0).incident()).isEqualTo("I1");
        assertThat(result.hitsAt1()).isZero();
        assertThat(result.hitsAt3()).isZero();
    }

    @Test
    void aTruthThatReachedNoIncidentIsAMiss() {
        Result result = ReplayScore.score(
                new Truth(Set.of("a1"), Map.of("a1", "X"), Map.of("X", "db")), new Prediction(Map.of(), Map.of()));

        assertThat(result.origins()).singleElement().satisfies(origin -> {
            assertThat(origin.incident()).isNull();
            assertThat(origin.hitAt3()).isFalse();
        });
        assertThat(result.accuracyAt1()).isZero();
        assertThat(result.compression()).isZero();
    }

    @Test
    void combiningAddsPairsAndHitsSoFiguresAreMicroAveraged() {
        Result half = ReplayScore.score(
                new Truth(FIVE, X3_Y2, Map.of("X", "postgres")),
                new Prediction(
                        Map.of("a1", "I1", "a2", "I1", "a3", "I2", "a4", "I2", "a5", "I2"),
                        Map.of("I1", List.of("postgres"))));
        Result perfect = ReplayScore.score(
                new Truth(Set.of("b1", "b2"), Map.of("b1", "Z", "b2", "Z"), Map.of("Z", "redis")),
                new Prediction(Map.of("b1", "J", "b2", "J"), Map.of("J", List.of("cart"))));

        Result total = ReplayScore.combine(List.of(half, perfect));

        // pairs: true 4 + 1, predicted 4 + 1, correct 2 + 1 -> 3/5; hits 1 + 0 of 2
        assertThat(total.precision()).isEqualTo(0.6);
        assertThat(total.recall()).isEqualTo(0.6);
        assertThat(total.accuracyAt1()).isEqualTo(0.5);
        assertThat(total.alerts()).isEqualTo(7);
        assertThat(total.incidents()).isEqualTo(3);
    }
}
