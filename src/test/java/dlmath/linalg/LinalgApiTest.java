package dlmath.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlmath.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * API boundary of {@code dlmath.linalg}: each bad input is an {@link IllegalArgumentException}
 * whose message names the operation and the problem (shapes, entry, pivot, parameter and value).
 */
class LinalgApiTest {

    static final Tensor SQUARE = Tensor.of(new double[][] {{4, 1}, {1, 3}});
    static final Tensor TALL = Tensor.of(new double[][] {{1, 2}, {3, 4}, {5, 6}});
    static final Tensor VECTOR = Tensor.of(1, 2, 3);
    static final Tensor WITH_NAN = Tensor.of(new double[][] {{1, Double.NaN}, {0, 1}});
    static final Tensor WITH_INF = Tensor.of(new double[][] {{1, 0}, {Double.POSITIVE_INFINITY, 1}});

    @Test
    void choleskyRefusesNonSquareAsymmetricIndefiniteAndNonFinite() {
        assertThatThrownBy(() -> Cholesky.of(TALL)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Cholesky.of").hasMessageContaining("square").hasMessageContaining("[3, 2]");
        assertThatThrownBy(() -> Cholesky.of(VECTOR)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rank 2").hasMessageContaining("[3]");
        assertThatThrownBy(() -> Cholesky.of(Tensor.of(new double[][] {{2, 1}, {1.5, 2}})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not symmetric")
                .hasMessageContaining("A[1, 0] = 1.5").hasMessageContaining("A[0, 1] = 1.0");
        assertThatThrownBy(() -> Cholesky.of(Tensor.of(new double[][] {{1, 2}, {2, 1}})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not positive definite")
                .hasMessageContaining("pivot 1 is -3.0").hasMessageContaining("leading 2x2 minor");
        assertThatThrownBy(() -> Cholesky.of(Tensor.of(new double[][] {{0}})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pivot 0 is 0.0");
        assertThatThrownBy(() -> Cholesky.of(WITH_NAN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-finite entry NaN at [0, 1]");
        assertThatThrownBy(() -> Cholesky.of(null)).isInstanceOf(NullPointerException.class).hasMessage("A");
    }

    @Test
    void solvesRefuseRightHandSidesOfTheWrongLengthNamingBothShapes() {
        Cholesky c = Cholesky.of(SQUARE);
        assertThatThrownBy(() -> c.solve(VECTOR)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Cholesky.solve").hasMessageContaining("[2, 2]").hasMessageContaining("[3]");
        assertThatThrownBy(() -> c.solveLower(Tensor.of(1, Double.NaN))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-finite");
        assertThatThrownBy(() -> Lu.of(SQUARE).solve(Tensor.ones(3, 2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Lu.solve").hasMessageContaining("[3, 2]");
        assertThatThrownBy(() -> Qr.of(TALL).solveLeastSquares(Tensor.of(1, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[3, 2]").hasMessageContaining("[2]");
        assertThatThrownBy(() -> Linalg.solve(SQUARE, Tensor.scalar(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[]");
    }

    @Test
    void luRefusesToSolveOrInvertASingularMatrixNamingThePivot() {
        Tensor singular = Tensor.of(new double[][] {{1, 2}, {2, 4}});
        assertThat(Lu.of(singular).isSingular()).isTrue();
        assertThat(Linalg.det(singular)).isZero();
        assertThatThrownBy(() -> Linalg.solve(singular, Tensor.of(1, 1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("singular").hasMessageContaining("U[1, 1] = 0");
        assertThatThrownBy(() -> Linalg.inverse(singular)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Lu.inverse").hasMessageContaining("singular");
        assertThatThrownBy(() -> Lu.of(TALL)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("square").hasMessageContaining("[3, 2]");
        assertThatThrownBy(() -> Linalg.det(WITH_INF)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Infinity at [1, 0]");
    }

    @Test
    void qrLeastSquaresRefusesWideAndRankDeficientMatrices() {
        assertThatThrownBy(() -> Qr.of(TALL.transpose()).solveLeastSquares(Tensor.of(1, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fewer rows than columns")
                .hasMessageContaining("pinv");
        Tensor rankOne = Tensor.of(new double[][] {{1, 2}, {2, 4}, {3, 6}});
        assertThatThrownBy(() -> Qr.of(rankOne).solveLeastSquares(Tensor.of(1, 2, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank deficient")
                .hasMessageContaining("R[1, 1]");
        assertThatThrownBy(() -> Qr.full(WITH_NAN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Qr.full").hasMessageContaining("NaN");
    }

    @Test
    void svdAndEigenRefuseBadMatrices() {
        assertThatThrownBy(() -> Svd.of(VECTOR)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Svd.of").hasMessageContaining("[3]");
        assertThatThrownBy(() -> Svd.full(WITH_NAN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> Svd.of(SQUARE).rank(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tol").hasMessageContaining("-1.0");
        assertThatThrownBy(() -> SymmetricEigen.of(TALL)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("square");
        assertThatThrownBy(() -> SymmetricEigen.of(Tensor.of(new double[][] {{1, 2}, {3, 1}})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not symmetric");
    }

    @Test
    void linalgFunctionsRefuseBadParameters() {
        assertThatThrownBy(() -> Linalg.pinv(TALL, Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tol").hasMessageContaining("NaN");
        assertThatThrownBy(() -> Linalg.rank(TALL, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tol");
        assertThatThrownBy(() -> Linalg.powerIteration(SQUARE, 0, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("iterations")
                .hasMessageContaining("was 0");
        assertThatThrownBy(() -> Linalg.powerIteration(SQUARE, 3, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("rng");
        assertThatThrownBy(() -> Linalg.powerIteration(TALL, 3, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("square");
        assertThatThrownBy(() -> Linalg.cond(VECTOR)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rank 2");
    }

    @Test
    void pcaRefusesTooFewSamplesBadKAndMismatchedData() {
        assertThatThrownBy(() -> Pca.viaEigen(Tensor.of(new double[][] {{1, 2}}), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2 samples")
                .hasMessageContaining("[1, 2]");
        assertThatThrownBy(() -> Pca.viaSvd(TALL, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k must be in [1, 2]").hasMessageContaining("was 3");
        assertThatThrownBy(() -> Pca.viaSvd(TALL, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was 0");
        Pca pca = Pca.viaSvd(TALL, 1);
        assertThatThrownBy(() -> pca.transform(Tensor.ones(2, 3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 columns").hasMessageContaining("[2, 3]");
        assertThatThrownBy(() -> pca.inverseTransform(Tensor.ones(2, 2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 columns").hasMessageContaining("[2, 2]");
    }

    @Test
    void degenerateInputsHaveDocumentedResults() {
        assertThat(Linalg.cond(Tensor.of(new double[][] {{1, 0}, {0, 0}}))).isInfinite();
        assertThat(Linalg.cond(Tensor.zeros(2, 2))).isNaN();
        assertThat(Linalg.rank(Tensor.zeros(3, 2))).isZero();
        assertThat(Linalg.pinv(Tensor.zeros(3, 2)).toArray()).containsOnly(0.0);
        assertThat(Linalg.powerIteration(Tensor.zeros(2, 2), 3, new SplittableRandom(1))).containsOnly(0.0);
        assertThat(Lu.of(Tensor.zeros(2, 2)).logAbsDet()).isEqualTo(Double.NEGATIVE_INFINITY);
    }
}
