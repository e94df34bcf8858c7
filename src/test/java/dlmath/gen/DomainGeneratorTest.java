package dlmath.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlmath.check.Check;
import dlmath.check.Gen;
import dlmath.check.Settings;
import dlmath.check.Tol;
import dlmath.tensor.Shapes;
import dlmath.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The structured families have their structure, and shrink to the simplest member. */
class DomainGeneratorTest {

    /** Runs {@code body} over {@code tries} values and fails on the first counterexample. */
    static <T> void holds(Gen<T> gen, int tries, Check.Body1<T> body) {
        Check c = Check.standalone(Settings.defaults("domain").withTries(tries));
        c.forAll(gen, body);
        assertThat(c.passed()).as(c::describeLast).isTrue();
    }

    /** The shrunk counterexample of a property that must fail. */
    static <T> Object shrunk(Gen<T> gen, Check.Body1<T> body) {
        Check c = Check.standalone(Settings.defaults("domain").withTries(500));
        c.forAll(gen, body);
        assertThat(c.passed()).as("expected a counterexample").isFalse();
        return c.shrunkArgument(0);
    }

    @Test
    void orthogonalMatricesAreOrthogonalAndShrinkToTheIdentity() {
        holds(MatrixGens.orthogonal(1, 6), 200, q ->
                TensorAssert.assertThat(q).isOrthogonal(10 * q.dim(0) * Tol.U));
        Object q = shrunk(MatrixGens.orthogonal(1, 6), m -> assertThat(m.dim(0)).isLessThan(3));
        assertThat(q).isEqualTo(Tensor.eye(3));
    }

    @Test
    void spdMatricesAreSymmetricWithTheRequestedConditionNumber() {
        holds(MatrixGens.spd(1, 5, 100), 200, a -> {
            TensorAssert.assertThat(a).isSymmetric(0);
            // Gershgorin-free check of definiteness: x^T A x > 0 for the unit vectors
            for (int i = 0; i < a.dim(0); i++) {
                assertThat(a.get(i, i)).isGreaterThan(0);
            }
        });
    }

    @Test
    void prescribedSingularValuesReproduceTheFrobeniusNorm() {
        double[] s = {3, 2, 0.5};
        holds(MatrixGens.withSingularValues(4, 3, s), 100, a -> {
            double fro2 = a.frobenius() * a.frobenius();
            assertThat(fro2).isCloseTo(9 + 4 + 0.25, org.assertj.core.data.Offset.offset(1e-12));
        });
        assertThatThrownBy(() -> MatrixGens.withSingularValues(2, 3, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min(m, n) = 2");
    }

    @Test
    void broadcastableShapesBroadcast() {
        holds(TensorGens.broadcastableTriple(4, 3), 300, shapes -> {
            int[] ab = Shapes.broadcast(shapes[0], shapes[1]);
            Shapes.broadcast(ab, shapes[2]);
        });
    }

    @Test
    void simplexVectorsSumToOne() {
        holds(SimplexGens.simplexWithZeros(1, 10), 300, p -> {
            assertThat(p.minAll()).isGreaterThanOrEqualTo(0);
            assertThat(Math.abs(p.sumAll() - 1)).isLessThanOrEqualTo(Tol.gamma(2 * p.size()));
        });
        holds(SimplexGens.simplex(1, 10), 300, p -> assertThat(p.minAll()).isGreaterThan(0));
    }

    @Test
    void aMatrixWithAZeroRowShrinksToTheOneByOneZeroMatrix() {
        Object m = shrunk(TensorGens.matrices(1, 4, 1, 4), a -> {
            double[][] rows = a.toArray2D();
            for (double[] row : rows) {
                assertThat(Arrays.stream(row).allMatch(v -> v == 0)).as("zero row").isFalse();
            }
        });
        assertThat(m).isEqualTo(Tensor.zeros(1, 1));
    }

    @Test
    void tensorAssertNamesTheFirstOffendingIndexBothValuesAndTheTolerance() {
        Tensor a = Tensor.of(new double[][] {{1, 2}, {3, 4}});
        Tensor b = Tensor.of(new double[][] {{1, 2}, {3.5, 4}});
        assertThatThrownBy(() -> TensorAssert.assertThat(a).isCloseTo(b, 1e-12))
                .hasMessageContaining("at [1, 0]").hasMessageContaining("actual   = 3.0")
                .hasMessageContaining("expected = 3.5").hasMessageContaining("tol      = 1.0E-12");
        assertThatThrownBy(() -> TensorAssert.assertThat(a).hasShape(2, 3)).hasMessageContaining("[2, 3]")
                .hasMessageContaining("[2, 2]");
        assertThatThrownBy(() -> TensorAssert.assertThat(a).isSymmetric(0)).hasMessageContaining("a[0, 1] = 2.0");
        assertThatThrownBy(() -> TensorAssert.assertThat(a).isOrthogonal(1e-12)).hasMessageContaining("Q^T Q");
        List.of(Tensor.eye(3)).forEach(q -> TensorAssert.assertThat(q).isOrthogonal(0).isSymmetric(0));
    }

    @Test
    void largeMatrixCounterexamplesShedRowsAndColumns() {
        // fails when the entries sum to at least 10 over at least two entries: minimal is 1x2 [[0, 10]]
        Object m = shrunk(TensorGens.matrices(1, 6, 1, 6), a -> assertThat(a.size() >= 2 && a.sumAll() >= 10).isFalse());
        assertThat(m).isEqualTo(Tensor.of(new double[][] {{0, 10}}));
    }
}
