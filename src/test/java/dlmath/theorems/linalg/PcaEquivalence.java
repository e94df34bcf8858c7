package dlmath.theorems.linalg;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.gen.MatrixGens;
import dlmath.gen.TensorGens;
import dlmath.linalg.Pca;
import dlmath.linalg.Qr;
import dlmath.linalg.Svd;
import dlmath.linalg.SymmetricEigen;
import dlmath.tensor.Tensor;
import org.junit.jupiter.api.Tag;

/**
 * LA-14 Principal component analysis: the eigendecomposition of the covariance and the SVD of the
 * centered data give the same components and variances; the explained variance ratios sum to 1;
 * the top-k principal subspace minimizes the reconstruction error. Jolliffe, Principal Component
 * Analysis, 2nd ed., Sec. 2.1 (Property A1), Property G2 and Sec. 3.5 (SVD); Eckart &amp; Young (1936).
 * Page: theorems/linalg/LA-14-pca.md.
 */
@Theorem(id = "LA-14", name = "PCA by eigendecomposition and by SVD",
        statement = "Eigenvectors of X_c^T X_c / (n - 1) = right singular vectors of X_c (up to sign), variances "
                + "s_i^2 / (n - 1), ratios summing to 1, and the top-k subspace minimizes ||X_c - X_c P||_F over rank-k projections P")
@Tag("linalg")
class PcaEquivalence {

    /**
     * Data X = Z diag(scales) R^T + 1 offset^T: d in [1, 5] features, Z a list of n in [2, 10] rows
     * (each row one span, so that a counterexample sheds the samples it does not need).
     */
    static final Gen<Tensor> DATA = Gens.integers(1, 5).flatMap(d -> Gens.tuples(
            Gens.lists(TensorGens.tensors(d), 2, 10).map(rows -> Tensor.concat(0,
                    rows.stream().map(r -> r.reshape(1, d)).toArray(Tensor[]::new))),
            Gens.doubleArrays(Gens.doubles(0, 10), d, d), MatrixGens.orthogonal(d))
            .flatMap(t -> TensorGens.tensors(d).map(offset -> t.first().matmul(MatrixGens.diag(Tensor.of(t.second())))
                    .matmul(t.third().transpose()).add(offset))));

    /** The centered data, as Pca centers it (mean over rows, then subtraction). */
    static Tensor centered(Tensor x) {
        return x.sub(x.mean(0));
    }

    /**
     * Variances agree: the SVD route's s_i^2 / (n - 1) errs by (2 s_i eps_svd + eps_svd^2) / (n - 1);
     * the covariance route forms C with gamma_n || |X_c|^T |X_c| ||_F / (n - 1) and its eigenvalues are
     * within eta. Components agree up to sign where the variance gap g_i = min_{j != i} |l_i - l_j| is
     * large: by Davis-Kahan (sin theta <= 2 ||dC||_2 / g, Yu, Wang &amp; Samworth 2015, Thm 1) each computed
     * component is within angle asin(2 delta / g_i) of the exact one, delta the covariance-scale error.
     */
    @Property(tries = 150)
    void eigenOfCovarianceAndSvdOfCenteredDataAgree(Check check) {
        check.forAll(DATA.as("X"), x -> agree(check, x, true));
    }

    /**
     * The gap condition dropped: components are compared also where the variances are (nearly) equal,
     * with the Davis-Kahan bound at the threshold gap 8 delta (sin theta <= 2/3). The witness: isotropic
     * data X = c Z R^T, Z the rows +-e_i, R Haar, whose covariance is (2c^2/(2d-1)) I up to rounding; the
     * two routes return bases that rounding alone determines.
     */
    @Counterexample
    void componentsAreNotDeterminedWithoutAVarianceGap(Check check) {
        check.forAll(Gens.integers(2, 3).flatMap(d -> Gens.tuples(MatrixGens.orthogonal(d), Gens.doubles(1, 10)).map(t -> {
            double[][] z = new double[2 * d][d];
            for (int i = 0; i < d; i++) {
                z[2 * i][i] = t.second();
                z[2 * i + 1][i] = -t.second();
            }
            return Tensor.of(z).matmul(t.first().transpose());
        })).as("X (isotropic)"), x -> agree(check, x, false));
    }

    /** The property's body; {@code requireGap} = false drops the variance-gap hypothesis. */
    static void agree(Check check, Tensor x, boolean requireGap) {
        {
            int n = x.dim(0);
            int d = x.dim(1);
            Pca eig = Pca.viaEigen(x, d);
            Pca svd = Pca.viaSvd(x, d);
            Tensor xc = centered(x);
            Svd s = Svd.of(xc);
            double epsSvd = La.svdEps(s, xc.frobenius());
            double formC = Tol.gamma(n) * xc.abs().transpose().matmul(xc.abs()).frobenius() / (n - 1);
            double[] le = eig.explainedVariance().toArray();
            double[] ls = svd.explainedVariance().toArray();
            double s1 = s.singularValues()[0];
            // the covariance exactly as Pca.viaEigen forms it (same sums in the same order), for its eigensolver's eta
            Tensor c = xc.transpose().matmul(xc).div(n - 1);
            SymmetricEigen ce0 = SymmetricEigen.of(c);
            double eta = La.eigEta(ce0, c.frobenius(), d);
            double delta = formC + eta + (2 * s1 * epsSvd + epsSvd * epsSvd) / (n - 1) + Tol.gamma(2) * c.frobenius();
            check.note("variances (eigen)", le);
            check.note("variances (svd)", ls);
            for (int i = 0; i < d; i++) {
                Claims.close("variance_" + (i + 1) + ": eigen route = svd route", le[i], ls[i], delta);
            }
            Tensor ce = eig.components();
            Tensor cs = svd.components();
            int compared = 0;
            for (int i = 0; i < d; i++) {
                double gap = Double.POSITIVE_INFINITY;
                for (int j = 0; j < d; j++) {
                    if (j != i) {
                        gap = Math.min(gap, Math.abs(ls[i] - ls[j]));
                    }
                }
                if (!requireGap || gap > 8 * delta) {
                    compared++;
                    // each route's component is within angle asin(2 delta_route / gap) of the exact one
                    double sinBound = Math.min(1, 2 * 2 * delta / (Math.max(gap, 8 * delta) - 2 * delta));
                    double sign = ce.row(i).dot(cs.row(i)) >= 0 ? 1 : -1;
                    // the chord 2 sin(theta / 2) <= sqrt(2) sin(theta) for theta <= pi / 2; the components' lengths
                    // differ from 1 by the orthogonality bounds of the two solvers; the chord's rounding gamma_{d+2}
                    double chord = ce.row(i).sub(cs.row(i).mul(sign)).norm2();
                    double lengths = d * (La.eigOrth(ce0, d) + La.svdOrth(s)) + 2 * Tol.gamma(d + 2);
                    Claims.atMost("chord between component_" + (i + 1) + " (eigen) and (svd), up to sign", chord,
                            Math.sqrt(2) * sinBound + lengths);
                }
            }
            check.label(compared == d ? "all components separated" : "some variances (nearly) equal");
        }
    }

    /**
     * With k = d the ratios sum to 1: the ratios are l_i / trace(C) (eigen route; sum l_hat = trace(C + E),
     * |trace E| <= d eta) or s_i^2 / sum s_j^2 (SVD route), each summed with gamma_d. Constant data
     * (all samples equal) has ratios 0 by convention, non-constant data a positive total variance;
     * data whose deviations are below 1e-150 have a variance below the double range and are skipped.
     */
    @Property(tries = 150)
    void explainedVarianceRatiosSumToOne(Check check) {
        check.forAll(DATA.as("X"), x -> {
            int d = x.dim(1);
            double spread = centered(x).normInf();
            boolean constant = spread == 0; // every sample equal: no variance at all
            if (!constant && spread < 1e-150) {
                check.label("variance below the double range"); // (1e-150)^2 underflows: no ratio to check
                return;
            }
            for (Pca p : new Pca[] {Pca.viaEigen(x, d), Pca.viaSvd(x, d)}) {
                double total = p.totalVariance();
                double sum = p.explainedVarianceRatio().sumAll();
                if (constant) {
                    check.label("constant data");
                    Claims.that("ratios are 0 for constant data", sum == 0);
                    continue;
                }
                Claims.that("the total variance of non-constant data is positive, was " + total, total > 0);
                double[] v = p.explainedVariance().toArray();
                double absSum = 0;
                for (double vi : v) {
                    absSum += Math.abs(vi);
                }
                Tensor xc = centered(x);
                Tensor c = xc.transpose().matmul(xc).div(x.dim(0) - 1);
                SymmetricEigen e = SymmetricEigen.of(c);
                Svd s = Svd.of(xc);
                // eigen route: sum l_hat = trace(C + E); SVD route: sum of s_i^2 from the same s, only rounding
                double eta = Math.max(La.eigEta(e, c.frobenius(), d),
                        (2 * s.singularValues()[0] + 1) * La.svdEps(s, xc.frobenius()) / (x.dim(0) - 1));
                Claims.close("sum of explained variance ratios = 1", sum, 1,
                        (d * eta + Tol.gamma(d + 1) * absSum) / total + Tol.gamma(d + 1) * absSum / total);
            }
        });
    }

    /**
     * The top-k subspace is optimal: for any d x k W with orthonormal columns (Q of a random matrix, or
     * the PCA components perturbed by t G and re-orthonormalized), ||X_c - X_c W W^T||_F >= the PCA error,
     * which equals sqrt(sum_{i>k} s_i^2) (Eckart-Young). Both sides are compared with the tail of s_hat
     * (within eps_svd of the exact tail by Mirsky), with the rounding of the projections; target() climbs
     * PCA error / other error toward 1.
     */
    @Property(tries = 200)
    void topKSubspaceMinimizesReconstructionError(Check check) {
        check.forAll(DATA.flatMap(x -> Gens.integers(1, x.dim(1)).flatMap(k -> Gens.tuples(
                TensorGens.tensors(x.dim(1), k), Gens.doubles(0, 1), Gens.booleans())
                .map(t -> new Object[] {x, k, t.first(), t.second(), t.third()}))).as("X, k, G, t, local"), in -> {
            Tensor x = (Tensor) in[0];
            int k = (Integer) in[1];
            Tensor g = (Tensor) in[2];
            double t = (Double) in[3];
            boolean local = (Boolean) in[4];
            int d = x.dim(1);
            Pca pca = Pca.viaSvd(x, k);
            Tensor xc = centered(x);
            Tensor w = pca.components().transpose(); // d x k
            Tensor other = Qr.of(local ? w.add(g.mul(t)) : g.add(Tensor.eye(d).slice(1, 0, k).mul(1e-3))).q();
            double pcaErr = xc.sub(xc.matmul(w).matmul(w.transpose())).frobenius();
            double otherErr = xc.sub(xc.matmul(other).matmul(other.transpose())).frobenius();
            Svd s = Svd.of(xc);
            double[] sv = s.singularValues();
            double tail = k >= sv.length ? 0 : Tensor.of(java.util.Arrays.copyOfRange(sv, k, sv.length)).norm2();
            double epsSvd = La.svdEps(s, xc.frobenius());
            double proj = (Tol.gamma(d + k + 2) * 2 * Math.sqrt(k) + 2 * k * d * Tol.gamma(d + 4) * 6)
                    * xc.frobenius() + Tol.gamma(x.size() + 1) * xc.frobenius();
            check.label(local ? "perturbed PCA subspace" : "random subspace");
            if (otherErr > 0 && tail > 1e3 * (epsSvd + proj)) {
                check.target(Math.min(pcaErr / otherErr, 2), "PCA error / other subspace's error");
            }
            check.note("PCA error", pcaErr);
            check.note("other error", otherErr);
            check.note("sqrt(sum_{i>k} s_i^2)", tail);
            Claims.close("PCA reconstruction error = sqrt(sum_{i>k} s_i^2)", pcaErr, tail,
                    epsSvd + 2.2 * d * La.svdOrth(s) * sv[0] + proj);
            Claims.atLeast("other subspace's error >= sqrt(sum_{i>k} s_i^2)", otherErr, tail - epsSvd - proj);
        });
    }

    /**
     * transform then inverseTransform: with k = d the data come back (W^T W = I), with k &lt; d they
     * come back projected, X_hat = mean + X_c W^T W; entrywise rounding gamma_{2d+2} (|X_c| |W^T| |W| + |mean|)
     * plus the orthogonality of W (d svdOrth) times |X_c| row norms.
     */
    @Property(tries = 100)
    void inverseTransformUndoesTransformOnTheSubspace(Check check) {
        check.forAll(DATA.flatMap(x -> Gens.integers(1, x.dim(1)).map(k -> new Object[] {x, k})).as("X, k"), in -> {
            Tensor x = (Tensor) in[0];
            int k = (Integer) in[1];
            int d = x.dim(1);
            Pca pca = Pca.viaSvd(x, k);
            Tensor w = pca.components();
            Tensor xc = centered(x);
            Tensor back = pca.inverseTransform(pca.transform(x));
            Tensor expected = xc.matmul(w.transpose()).matmul(w).add(pca.mean());
            Svd s = Svd.of(xc);
            double orth = 2.2 * d * La.svdOrth(s);
            Tensor tol = xc.abs().matmul(w.abs().transpose()).matmul(w.abs()).mul(2 * Tol.gamma(2 * d + 2))
                    .add(pca.mean().abs().mul(Tol.gamma(2)))
                    .add(Tensor.full(orth * xc.frobenius() + Tol.gamma(x.dim(0) + 2) * x.abs().maxAll(), x.dim(0), d));
            dlmath.gen.TensorAssert.assertThat(back).isCloseTo(expected, tol);
            if (k == d) {
                dlmath.gen.TensorAssert.assertThat(back).isCloseTo(x, tol.mul(2));
            }
        });
    }
}
