package dlmath.theorems.learning;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.learn.OneHotEncoder;
import dlmath.learn.Ridge;
import dlmath.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Tag;

/**
 * ML-09 One-hot encoding: invariance to the category order and the dummy-variable trap. Hastie, Tibshirani &amp;
 * Friedman, ESL 2nd ed., Sec. 3.2 ("dummy variables") and Sec. 2.3.1; Greene, <i>Econometric Analysis</i>, 7th ed.
 * (2012), Sec. 6.2.1 (the dummy variable trap). Page: theorems/learning/ML-09-one-hot-invariance.md.
 */
@Theorem(id = "ML-09", name = "One-hot encoding and the dummy-variable trap",
        statement = "least-squares predictions on one-hot columns do not depend on the order of the categories, and equal "
                + "those of intercept + all but one category; intercept + all K one-hot columns are exactly collinear "
                + "(rank K), dropping one category gives full column rank")
@Tag("learning")
class OneHotInvariance {

    /** A categorical column (each of K categories at least once), a numeric column, responses, and a permutation. */
    record Table(int[] categories, int[] column, double[] numeric, double[] y, int[] perm) {
        @Override
        public String toString() {
            return "categories = " + Arrays.toString(categories) + ", column = " + Arrays.toString(column) + ", numeric = "
                    + Arrays.toString(numeric) + ", y = " + Arrays.toString(y) + ", permutation = " + Arrays.toString(perm);
        }
    }

    /** K in [2, 5] distinct codes in [-5, 20], n in [K + 1, 30] rows (the first K rows one of each), numeric i + tanh(v_i)/2. */
    static final Gen<Table> TABLES = Gens.tuples(Gens.integers(2, 5), Gens.sizes(0, 25)).flatMap(t -> {
        int k = t.first();
        int n = k + 1 + t.second();
        return Gens.tuples(Gens.tuples(Gens.listOfSize(Gens.integers(-5, 20), k), Gens.listOfSize(Gens.integers(0, k - 1), n)),
                Gens.tuples(Gens.doubleArrays(Gens.standardNormals(), n, n), Gens.doubleArrays(Gens.standardNormals(), n, n)),
                Gens.listOfSize(Gens.integers(0, 1000), k)).map(u -> {
                    int[] cats = new int[k];
                    List<Integer> raw = u.first().first();
                    for (int i = 0, c = 0; i < k; i++) {   // distinct codes: shift repeats up
                        int v = raw.get(i);
                        while (contains(cats, i, v)) {
                            v++;
                        }
                        cats[i] = v;
                        c++;
                    }
                    int[] col = new int[n];
                    for (int i = 0; i < n; i++) {
                        col[i] = cats[i < k ? i : u.first().second().get(i)];
                    }
                    Integer[] order = new Integer[k];
                    for (int i = 0; i < k; i++) {
                        order[i] = i;
                    }
                    List<Integer> keys = u.third();
                    Arrays.sort(order, (a, b) -> keys.get(a) != keys.get(b).intValue() ? Integer.compare(keys.get(a), keys.get(b))
                            : Integer.compare(a, b));
                    // numeric_i = i + tanh(v_i) / 2 increases strictly with i, so it is not constant on the category that
                    // appears twice (n > K): not in the span of the one-hot columns, whatever the draws
                    double[] numeric = new double[n];
                    for (int i = 0; i < n; i++) {
                        numeric[i] = i + Math.tanh(u.second().first()[i]) / 2;
                    }
                    return new Table(cats, col, numeric, u.second().second(),
                            Arrays.stream(order).mapToInt(Integer::intValue).toArray());
                });
    });

    static boolean contains(int[] a, int len, int v) {
        for (int i = 0; i < len; i++) {
            if (a[i] == v) {
                return true;
            }
        }
        return false;
    }

    /** [intercept?, one-hot..., numeric] as rows. */
    static double[][] design(Tensor onehot, double[] numeric, boolean intercept) {
        double[][] h = onehot.toArray2D();
        double[][] x = new double[h.length][];
        for (int i = 0; i < h.length; i++) {
            List<Double> r = new ArrayList<>();
            if (intercept) {
                r.add(1.0);
            }
            for (double v : h[i]) {
                r.add(v);
            }
            r.add(numeric[i]);
            x[i] = r.stream().mapToDouble(Double::doubleValue).toArray();
        }
        return x;
    }

    static double[] predict(double[][] x, double[] w) {
        return Arrays.stream(x).mapToDouble(r -> Ml.dot(r, w)).toArray();
    }

    static int rank(double[][] x) {
        return new SingularValueDecomposition(new Array2DRowRealMatrix(x)).getRank();
    }

    /**
     * Permuting the categories permutes the one-hot columns (exactly), and the least-squares fitted values X X^+ y
     * (Ridge.viaSvd at lambda = 0) do not change; intercept + the K - 1 columns of dropFirst spans the same space and
     * gives the same fitted values. Tolerance: the fitted values are a projection of y, perturbed by a backward error
     * 64 (n + p)^2 u amplified by kappa(X) (Golub-Van Loan Thm 5.3.1, the projection's term), times ||y||, for each
     * of the two fits; kappa(X) from commons-math3, cases above 1e6 rejected.
     */
    @Property(tries = 150)
    void fittedValuesDoNotDependOnTheCategoryOrder(Check check) {
        check.forAll(TABLES.as("table"), t -> {
            int k = t.categories().length;
            int[] permuted = new int[k];
            for (int i = 0; i < k; i++) {
                permuted[i] = t.categories()[t.perm()[i]];
            }
            Tensor a = OneHotEncoder.of(t.categories(), false).transform(t.column());
            Tensor b = OneHotEncoder.of(permuted, false).transform(t.column());
            for (int i = 0; i < k; i++) {
                for (int r = 0; r < t.column().length; r++) {
                    Claims.that("column " + i + " of the permuted encoding is column perm[i] = " + t.perm()[i] + " of the first",
                            b.get(r, i) == a.get(r, t.perm()[i]));
                }
            }
            double[][] xa = design(a, t.numeric(), false);
            double[][] xb = design(b, t.numeric(), false);
            double[][] xc = design(OneHotEncoder.of(permuted, true).transform(t.column()), t.numeric(), true);
            double[] s = new SingularValueDecomposition(new Array2DRowRealMatrix(xa)).getSingularValues();
            double kappa = s[0] / s[s.length - 1];
            check.assume(kappa <= 1e6);
            int n = xa.length;
            int p = xa[0].length;
            double tol = 2 * 64.0 * (n + p) * (n + p) * Ml.U * kappa * Ml.norm(t.y());
            double[] fa = predict(xa, Ridge.viaSvd(Tensor.of(xa), t.y(), 0));
            double[] fb = predict(xb, Ridge.viaSvd(Tensor.of(xb), t.y(), 0));
            double[] fc = predict(xc, Ridge.viaSvd(Tensor.of(xc), t.y(), 0));
            for (int i = 0; i < n; i++) {
                Claims.close("fitted value " + i + " after permuting the categories", fb[i], fa[i], tol);
                Claims.close("fitted value " + i + " with intercept and the first category dropped", fc[i], fa[i], tol);
            }
        });
    }

    /**
     * The dummy-variable trap: with an intercept and all K one-hot columns, (1, -1, ..., -1, 0) is in the null space
     * exactly (each row has one 1 among the K columns: integer arithmetic), and the rank is K + 1 of K + 2 columns;
     * dropping the first category leaves full column rank K + 1 (commons-math3's SVD rank).
     */
    @Property(tries = 150)
    void droppingOneCategoryRemovesTheCollinearity(Check check) {
        check.forAll(TABLES.as("table"), t -> {
            int k = t.categories().length;
            double[][] full = design(OneHotEncoder.fit(t.column(), false).transform(t.column()), t.numeric(), true);
            double[] v = new double[k + 2];
            v[0] = 1;
            Arrays.fill(v, 1, k + 1, -1);
            for (double[] r : full) {
                Claims.that("intercept - sum of the one-hot columns = 0 in row " + Arrays.toString(r), Ml.dot(r, v) == 0);
            }
            Claims.close("rank of [1, all K one-hot, x]", rank(full), k + 1, 0);
            double[][] dropped = design(OneHotEncoder.fit(t.column(), true).transform(t.column()), t.numeric(), true);
            Claims.close("columns of [1, K - 1 one-hot, x]", dropped[0].length, k + 1, 0);
            Claims.close("rank of [1, K - 1 one-hot, x] (full)", rank(dropped), k + 1, 0);
        });
    }

    /** Drop "one category dropped": intercept plus all K one-hot columns does not have full column rank. */
    @Counterexample
    void allCategoriesWithAnInterceptAreCollinear(Check check) {
        check.forAll(TABLES.as("table"), t -> {
            double[][] full = design(OneHotEncoder.fit(t.column(), false).transform(t.column()), t.numeric(), true);
            Claims.close("rank of [1, all one-hot, x] = its number of columns", rank(full), full[0].length, 0);
        });
    }

    /** Unknown codes and repeated categories are refused, by name. */
    @Property(tries = 50)
    void unknownCategoriesAreRefused(Check check) {
        check.forAll(TABLES.as("table"), t -> {
            int unknown = Arrays.stream(t.categories()).max().orElse(0) + 1;
            try {
                OneHotEncoder.of(t.categories(), false).transform(new int[] {unknown});
                Claims.that("an unknown code is refused", false);
            } catch (IllegalArgumentException e) {
                Claims.that("the message names the code: " + e.getMessage(), e.getMessage().contains("= " + unknown));
            }
            int[] twice = Arrays.copyOf(t.categories(), t.categories().length + 1);
            twice[twice.length - 1] = twice[0];
            try {
                OneHotEncoder.of(twice, false);
                Claims.that("a repeated category is refused", false);
            } catch (IllegalArgumentException e) {
                Claims.that("the message names the repeat: " + e.getMessage(), e.getMessage().contains("repeats"));
            }
        });
    }
}
