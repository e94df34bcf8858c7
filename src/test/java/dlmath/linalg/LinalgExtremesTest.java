package dlmath.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dlmath.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Worked examples at the ends of the double range, where the power-of-two scaling of
 * {@link Scaling} acts, and at the ties and edges of the conventions. Oracles: closed forms,
 * exact powers of two, and the scaling contract (multiplying by {@code 2^k} is exact in the normal
 * range, so the factors of {@code 2^k A} are, bit for bit, those of {@code A} times a power of two).
 */
class LinalgExtremesTest {

    static final double[][] A = {{4, 1}, {1, 3}};            // SPD, det 11, A^-1 = [[3, -1], [-1, 4]] / 11

    static Tensor times(double[][] a, double f) {
        return Tensor.of(a).mul(Tensor.scalar(f));
    }

    static Tensor times(Tensor a, double f) {
        return a.mul(Tensor.scalar(f));
    }

    @Test
    void luOfAHugeOrTinyMatrixIsTheLuOfAScaledExactly() {
        Lu ordinary = Lu.of(Tensor.of(A));
        assertThat(ordinary.det()).isCloseTo(11, within(4 * 11 * Matrices.EPS));
        Tensor b = Tensor.of(1, 2);
        for (double f : new double[] {0x1p1000, 0x1p-1000}) {
            Lu lu = Lu.of(times(A, f));
            assertThat(lu.u().toArray()).as("U, f = %s", f).containsExactly(times(ordinary.u(), f).toArray());
            assertThat(lu.l().toArray()).containsExactly(ordinary.l().toArray());
            assertThat(lu.inverse().toArray()).as("inverse, f = %s", f)
                    .containsExactly(times(ordinary.inverse(), 1 / f).toArray());
            assertThat(lu.solve(b).toArray()).containsExactly(times(ordinary.solve(b), 1 / f).toArray());
            assertThat(lu.solve(times(b, f)).toArray()).containsExactly(ordinary.solve(b).toArray());
            assertThat(lu.logAbsDet()).isCloseTo(Math.log(11) + 2 * Math.log(f), within(1e-12 * 1400));
        }
        assertThat(Lu.of(times(A, 0x1p1000)).det()).isEqualTo(Double.POSITIVE_INFINITY);   // 11 * 2^2000
    }

    @Test
    void luDeterminantCarriesItsExponentApart() {
        // diag(2^1000, 2^-1000, 3): the pivots' running product would overflow, then underflow; det is 3
        assertThat(Lu.of(Tensor.of(new double[][] {{0x1p1000, 0, 0}, {0, 0x1p-1000, 0}, {0, 0, 3}})).det())
                .isEqualTo(3);
        double[][] d = new double[4][4];
        d[0][0] = 0x1p1000;
        d[1][1] = -0x1p1000;
        d[2][2] = 0x1p-1000;
        d[3][3] = 0x1p-999;
        assertThat(Lu.of(Tensor.of(d)).det()).isEqualTo(-2);
    }

    @Test
    void aZeroFirstPivotIsSingular() {
        Tensor a = Tensor.of(new double[][] {{0, 0}, {0, 1}});
        assertThat(Lu.of(a).isSingular()).isTrue();
        assertThat(Lu.of(Tensor.of(A)).isSingular()).isFalse();
        assertThatThrownBy(() -> Lu.of(a).solve(Tensor.of(1, 1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U[0, 0] = 0");
    }

    @Test
    void choleskyOfAHugeOrTinyMatrixIsTheCholeskyOfAScaledExactly() {
        Cholesky ordinary = Cholesky.of(Tensor.of(A));
        Tensor b = Tensor.of(new double[][] {{1, -1}, {2, 5}});
        for (double f : new double[] {0x1p1000, 0x1p-1000}) {
            double root = f == 0x1p1000 ? 0x1p500 : 0x1p-500;
            Cholesky c = Cholesky.of(times(A, f));
            assertThat(c.l().toArray()).as("L, f = %s", f).containsExactly(times(ordinary.l(), root).toArray());
            assertThat(c.solve(b).toArray()).containsExactly(times(ordinary.solve(b), 1 / f).toArray());
            assertThat(c.solveLower(b).toArray()).containsExactly(times(ordinary.solveLower(b), 1 / root).toArray());
            if (f < 1) {   // a subnormal right-hand side, scaled up before the substitutions: x = 2^-60 A^-1 b
                assertThat(c.solve(times(b, 0x1p-1060)).toArray())
                        .containsExactly(times(ordinary.solve(b), 0x1p-60).toArray());
            }
            assertThat(c.logDet()).isCloseTo(Math.log(11) + 2 * Math.log(f), within(1e-12 * 1400));
        }
        assertThat(ordinary.logDet()).isCloseTo(Math.log(11), within(1e-14));
    }

    @Test
    void symmetryIsCheckedWithinItsRelativeToleranceInclusive() {
        // |a_10 - a_01| = 4e-12 = SYMMETRY_TOLERANCE * max|a|: accepted; twice that: refused
        Tensor edge = Tensor.of(new double[][] {{4, 0}, {4e-12, 4}});
        assertThat(Cholesky.of(edge).size()).isEqualTo(2);
        assertThat(SymmetricEigen.of(edge).values()).hasSize(2);
        Tensor beyond = Tensor.of(new double[][] {{4, 0}, {8e-12, 4}});
        assertThatThrownBy(() -> Cholesky.of(beyond)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not symmetric");
        assertThatThrownBy(() -> SymmetricEigen.of(beyond)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not symmetric");
    }

    @Test
    void symmetricEigenOfATridiagonalMatrixWithZeros() {
        // [[2, 1, 0], [1, 2, 1], [0, 1, 2]]: eigenvalues 2 - sqrt 2, 2, 2 + sqrt 2
        SymmetricEigen e = SymmetricEigen.of(Tensor.of(new double[][] {{2, 1, 0}, {1, 2, 1}, {0, 1, 2}}));
        double r = Math.sqrt(2);
        assertThat(e.values()[0]).isCloseTo(2 - r, within(1e-14));
        assertThat(e.values()[1]).isCloseTo(2, within(1e-14));
        assertThat(e.values()[2]).isCloseTo(2 + r, within(1e-14));
        assertThat(e.sweeps()).isBetween(2, SymmetricEigen.MAX_SWEEPS);
        assertThat(SymmetricEigen.of(Tensor.of(new double[][] {{1, 0}, {0, 2}})).sweeps()).isEqualTo(1);
        // a huge matrix: eigenvalues scaled back exactly
        double[] huge = SymmetricEigen.of(times(new double[][] {{2, 0}, {0, -3}}, 0x1p1020)).values();
        assertThat(huge).containsExactly(-3 * 0x1p1020, 2 * 0x1p1020);
    }

    @Test
    void svdSweepsCountTheLastCleanSweep() {
        assertThat(Svd.of(Tensor.of(new double[][] {{3, 0}, {0, 1}})).sweeps()).isEqualTo(1);
        assertThat(Svd.of(Tensor.of(new double[][] {{1, 1}, {0, 1}})).sweeps()).isBetween(2, 3);
        assertThatThrownBy(() -> Svd.full(null)).isInstanceOf(NullPointerException.class).hasMessage("A");
        assertThatThrownBy(() -> Svd.full(Tensor.of(1, 2, 3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Svd.full").hasMessageContaining("[3]");
    }

    @Test
    void pinvOfATinyMatrixIsExact() {
        // A = 2^-600 diag(2, 1): A^+ = diag(2^599, 2^600), exactly
        Tensor a = Tensor.of(new double[][] {{0x1p-599, 0}, {0, 0x1p-600}});
        double[] expected = {0x1p599, 0, 0, 0x1p600};
        assertThat(Linalg.pinv(a).toArray()).containsExactly(expected);
        assertThat(Linalg.pinv(a, 0).toArray()).containsExactly(expected);
        Tensor huge = Tensor.of(new double[][] {{0x1p1020, 0}, {0, 0x1p1019}});
        assertThat(Linalg.pinv(huge, 0).toArray()).containsExactly(0x1p-1020, 0, 0, 0x1p-1019);
    }

    @Test
    void conditionAndRankOfASubnormalMatrixAreThoseOfItsScaledCopy() {
        // MIN_VALUE * [[2, 1], [1, 1]]: singular values (3 +- sqrt 5) / 2 MIN_VALUE (subnormal, 3 and 0 when rounded)
        Tensor a = times(new double[][] {{2, 1}, {1, 1}}, Double.MIN_VALUE);
        double kappa = (3 + Math.sqrt(5)) / (3 - Math.sqrt(5));
        assertThat(Linalg.cond(a)).isCloseTo(kappa, within(1e-13 * kappa));
        assertThat(Linalg.rank(a)).isEqualTo(2);
        assertThat(Linalg.norm2(times(new double[][] {{3, 0}, {0, 1}}, 0x1p1020))).isEqualTo(3 * 0x1p1020);
    }

    @Test
    void powerIterationOfAHugeMatrixDoesNotOverflow() {
        double[] est = Linalg.powerIteration(times(new double[][] {{2, 0}, {0, 1}}, 0x1p1020), 60,
                new SplittableRandom(7));
        assertThat(est[59]).isCloseTo(2 * 0x1p1020, within(1e-12 * 0x1p1021));
        assertThat(Linalg.powerIteration(Tensor.of(A), 1, new SplittableRandom(7))).hasSize(1);
        assertThatThrownBy(() -> Linalg.rank(Tensor.of(A), -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Linalg.rank");
    }

    @Test
    void qrReflectorOfAZeroLeadingEntryFollowsDlarfg() {
        // x = (0, 1): beta = -sign(x_0) ||x|| with sign(0) = +1, so R = [[-1]] (LAPACK's dlarfg)
        Qr qr = Qr.of(Tensor.of(new double[][] {{0}, {1}}));
        assertThat(qr.r().toArray()).containsExactly(-1);
        assertThat(qr.q().toArray()).containsExactly(0, -1);
        // a wide full R keeps the entries on and above the diagonal only
        Qr wide = Qr.full(Tensor.of(new double[][] {{3, 1, 2}, {4, 5, 6}}));
        double[] r = wide.r().toArray();
        assertThat(r).hasSize(6);
        assertThat(r[3]).isZero();
        assertThat(r[0]).isCloseTo(-5, within(1e-14));
    }

    @Test
    void pcaSignConventionAndScaling() {
        // data along (1, -2): the component has its largest entry positive, (-1, 2) / sqrt 5
        double[][] x = {{1, -2}, {-1, 2}, {2, -4}, {-2, 4}};
        double s5 = Math.sqrt(5);
        for (Pca p : new Pca[] {Pca.viaEigen(Tensor.of(x), 1), Pca.viaSvd(Tensor.of(x), 1)}) {
            assertThat(p.components().get(0, 0)).isCloseTo(-1 / s5, within(1e-14));
            assertThat(p.components().get(0, 1)).isCloseTo(2 / s5, within(1e-14));
        }
        // a tie |c_0| = |c_1|: the first entry is made positive, (1, -1) / sqrt 2
        double[][] tie = {{1, -1}, {-1, 1}};
        for (Pca p : new Pca[] {Pca.viaEigen(Tensor.of(tie), 1), Pca.viaSvd(Tensor.of(tie), 1)}) {
            assertThat(p.components().get(0, 0)).isCloseTo(Math.sqrt(0.5), within(1e-14));
            assertThat(p.components().get(0, 1)).isCloseTo(-Math.sqrt(0.5), within(1e-14));
        }
        // 2^600 x: the covariance would overflow; components as for x, variances beyond the range
        Pca big = Pca.viaEigen(times(x, 0x1p600), 2);
        assertThat(big.components().get(0, 1)).isCloseTo(2 / s5, within(1e-14));
        assertThat(big.explainedVarianceRatio().get(0)).isCloseTo(1, within(1e-14));
        assertThat(big.explainedVariance().get(0)).isInfinite();
        Pca bigSvd = Pca.viaSvd(times(x, 0x1p600), 1);
        assertThat(bigSvd.components().get(0, 1)).isCloseTo(2 / s5, within(1e-14));
        assertThat(bigSvd.explainedVarianceRatio().get(0)).isCloseTo(1, within(1e-14));
        // constant data: no variance, ratios 0 (not 0 / 0)
        Pca flat = Pca.viaSvd(Tensor.of(new double[][] {{1, 2}, {1, 2}}), 2);
        assertThat(flat.explainedVarianceRatio().toArray()).containsExactly(0, 0);
    }

    /** max |(U^T U - I)_ij|. */
    static double orthogonalityError(Tensor u) {
        double[][] q = u.toArray2D();
        int k = q[0].length;
        double worst = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double d = 0;
                for (double[] row : q) {
                    d += row[i] * row[j];
                }
                worst = Math.max(worst, Math.abs(d - (i == j ? 1 : 0)));
            }
        }
        return worst;
    }

    @Test
    void svdOfColumnsMoreThan2To500ApartKeepsTheSmallSingularValue() {
        // [[1, e], [1, 0]], e = 2^-600: sigma_1 sigma_2 = e and sigma_1^2 + sigma_2^2 = 2 + e^2, so
        // sigma_1 = sqrt 2 and sigma_2 = e / sqrt 2 to working accuracy; both column orders
        double e = 0x1p-600;
        for (Tensor a : new Tensor[] {Tensor.of(new double[][] {{1, e}, {1, 0}}), Tensor.of(new double[][] {{e, 1}, {0, 1}})}) {
            Svd svd = Svd.of(a);
            double[] s = svd.singularValues();
            assertThat(s[0]).isCloseTo(Math.sqrt(2), within(4 * Matrices.EPS));
            assertThat(s[1]).isCloseTo(e / Math.sqrt(2), within(8 * Matrices.EPS * e));
            assertThat(orthogonalityError(svd.u())).isLessThanOrEqualTo(8 * Matrices.EPS);
            assertThat(orthogonalityError(svd.v())).isLessThanOrEqualTo(8 * Matrices.EPS);
        }
    }

    @Test
    void svdOfASubnormalColumnNotOrthogonalToTheOtherStillHasAnOrthogonalU() {
        // column 2 = (2^-1070, 2^-1072) at cosine 0.86 to column 1 = (1, 1): below what rounding at the
        // underflow level resolves, so its left singular vector is completed instead of normalized
        Tensor a = Tensor.of(new double[][] {{1, 0x1p-1070}, {1, 0x1p-1072}});
        for (Svd svd : new Svd[] {Svd.of(a), Svd.full(a), Svd.of(a.transpose())}) {
            assertThat(orthogonalityError(svd.u())).isLessThanOrEqualTo(8 * Matrices.EPS);
            assertThat(orthogonalityError(svd.v())).isLessThanOrEqualTo(8 * Matrices.EPS);
            assertThat(svd.singularValues()[0]).isCloseTo(Math.sqrt(2), within(4 * Matrices.EPS));
            assertThat(svd.singularValues()[1]).isLessThanOrEqualTo(0x1p-1069);
        }
    }
}
