package dlmath.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import dlmath.tensor.OpCount;
import dlmath.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The operations the LU and Cholesky kernels report to {@link OpCount}, against the textbook
 * counts written out here as naive loops over the algorithm's index sets (Golub &amp; Van Loan,
 * Alg. 3.4.1 and 4.2.1): a multiply-add is 2, a division, square root, logarithm or pivot
 * comparison 1.
 */
class LinalgOpCountTest {

    /** A dense n x n matrix with no zero entry, diagonally dominant (SPD, no pivoting needed). */
    static Tensor dense(int n) {
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = i == j ? 4 * n : 1.0 / (1 + i + j);
            }
        }
        return Tensor.of(a);
    }

    /** Gaussian elimination with no zero multiplier: n - k - 1 comparisons, then per row 1 division and n - k - 1 multiply-adds. */
    static long luCount(int n) {
        long c = 0;
        for (int k = 0; k < n; k++) {
            c += n - k - 1;
            for (int i = k + 1; i < n; i++) {
                c += 1;
                for (int j = k + 1; j < n; j++) {
                    c += 2;
                }
            }
        }
        return c;
    }

    /** Forward (unit L, no zero multiplier) and back substitution for r right-hand sides. */
    static long luSolveCount(int n, int r) {
        long c = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                c += 2L * r;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                c += 2L * r;
            }
            c += r;
        }
        return c;
    }

    /** Cholesky-Banachiewicz: l_jk = (a_jk - sum_{i<k} l_ji l_ki) / l_kk, then d_j and its square root. */
    static long choleskyCount(int n) {
        long c = 0;
        for (int j = 0; j < n; j++) {
            for (int k = 0; k < j; k++) {
                c += 2L * k + 1;
            }
            c += 2L * j + 1;
        }
        return c;
    }

    /** One triangular solve with r right-hand sides: row i has i multiply-adds and a division. */
    static long triangularCount(int n, int r) {
        long c = 0;
        for (int i = 0; i < n; i++) {
            c += (2L * i + 1) * r;
        }
        return c;
    }

    @Test
    void luCountsItsEliminationAndSubstitutions() {
        for (int n = 1; n <= 5; n++) {
            Tensor a = dense(n);
            int size = n;
            assertThat(OpCount.during(() -> Lu.of(a))).as("n = %d", n).isEqualTo(luCount(size));
            Lu lu = Lu.of(a);
            assertThat(OpCount.during(() -> lu.solve(Tensor.ones(size)))).isEqualTo(luSolveCount(size, 1));
            assertThat(OpCount.during(() -> lu.solve(Tensor.ones(size, 3)))).isEqualTo(luSolveCount(size, 3));
            assertThat(OpCount.during(lu::inverse)).isEqualTo(luSolveCount(size, size));
        }
    }

    @Test
    void luSkipsTheUpdateOfARowWithAZeroMultiplier() {
        // column 0 below the pivot is (0, 1): row 1 costs one division and no update, row 2 costs 1 + 2 * 2;
        // k = 1: row 2's multiplier 1/3 costs 1 + 2; comparisons 2 + 1
        Tensor a = Tensor.of(new double[][] {{2, 1, 1}, {0, 3, 1}, {1, 1, 5}});
        assertThat(OpCount.during(() -> Lu.of(a))).isEqualTo(3 + 1 + 5 + 3);
        // forward substitution skips the zero l_10: 2 multiply-adds of the l_20, l_21 only
        Lu lu = Lu.of(a);
        assertThat(OpCount.during(() -> lu.solve(Tensor.of(1, 2, 3)))).isEqualTo(2 * 2 + (2 * 3 + 3));
    }

    @Test
    void choleskyCountsFactorSolvesAndLogDet() {
        for (int n = 1; n <= 5; n++) {
            Cholesky c = Cholesky.of(dense(n));
            Tensor a = dense(n);
            int size = n;
            assertThat(OpCount.during(() -> Cholesky.of(a))).as("n = %d", n).isEqualTo(choleskyCount(size));
            assertThat(OpCount.during(() -> c.solve(Tensor.ones(size, 2)))).isEqualTo(2 * triangularCount(size, 2));
            assertThat(OpCount.during(() -> c.solveLower(Tensor.ones(size)))).isEqualTo(triangularCount(size, 1));
            assertThat(OpCount.during(c::logDet)).isEqualTo(2L * size + 1);
        }
    }
}
