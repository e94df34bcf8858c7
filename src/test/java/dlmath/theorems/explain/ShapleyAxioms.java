package dlmath.theorems.explain;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.explain.Occlusion;
import dlmath.explain.Shapley;
import dlmath.explain.Target;
import dlmath.nn.Layers;
import dlmath.nn.Params;
import dlmath.tensor.Tensor;
import org.apache.commons.math3.fraction.BigFraction;
import org.junit.jupiter.api.Tag;

/**
 * XAI-03 The Shapley value and its axioms, on exact values: efficiency, symmetry, dummy (null player),
 * linearity; for a linear model against a baseline phi_i = w_i (x_i - x'_i), against a background set
 * phi_i = w_i (x_i - mean_j b_ji); for an additive model occlusion equals the Shapley value. Shapley, A Value
 * for n-Person Games, Contributions to the Theory of Games II, 1953, Sec. 2 (axioms 1-3) and Sec. 3 (Lemma 1,
 * Thm: the value formula); Lundberg &amp; Lee, NeurIPS 2017, Sec. 4 (Eq. 8, interventional feature removal).
 * Page: theorems/explain/XAI-03-shapley-axioms.md.
 */
@Theorem(id = "XAI-03", name = "Shapley axioms on exact values",
        statement = "exact Shapley values satisfy efficiency (sum = v(N) - v(empty)), symmetry, dummy and linearity; for f = w.x + b against a baseline phi_i = w_i (x_i - x'_i); for additive f occlusion = Shapley")
@Tag("explain")
class ShapleyAxioms {

    /**
     * The rounding of phi_i: 2^{n-1} weighted differences of integers, each weight one division from exact
     * binomials: |phi_i - exact| &lt;= gamma_{2^{n-1}+2} sum_S w_|S| |v(S u i) - v(S)|.
     */
    static double tolerance(Xai.TableGame g, int i) {
        return Tol.gamma((1 << (g.n() - 1)) + 2) * Xai.shapleyMagnitude(g.worth(), g.n(), i);
    }

    /**
     * Exact Shapley values against the mean marginal contribution over all n! orders, in rationals (n = 1 to 7,
     * integer worths); efficiency exactly in rationals and within n tolerances in doubles; the planted null
     * player gets exactly 0 and the planted symmetric pair equal values; additive games give each player its
     * own worth v({i}) - v(empty) (dummy axiom). Coverage: the planted game has probability 1/3 times P(n &gt;= 3) =
     * 5/7, so 0.238; the additive one at least 1/3; a 5% cover over 200 tries fails with probability
     * &lt;= exp(-200 D(0.05 || 0.238)) = 3.8e-12.
     */
    @Property(tries = 200)
    void exactValuesSatisfyTheAxioms(Check check) {
        check.forAll(Xai.games(1, 7).as("game"), g -> {
            int n = g.n();
            double[] phi = Shapley.values(g, n);
            BigFraction[] exact = Xai.shapleyByPermutations(g.worth(), n);
            BigFraction total = BigFraction.ZERO;
            double sum = 0;
            double tolSum = 0;
            for (int i = 0; i < n; i++) {
                total = total.add(exact[i]);
                sum += phi[i];
                tolSum += tolerance(g, i);
                Claims.close("phi_" + i + " = mean marginal contribution over all orders (" + exact[i] + ")", phi[i],
                        exact[i].doubleValue(), tolerance(g, i) + Math.ulp(exact[i].doubleValue()));
            }
            long vn = g.worth()[(1 << n) - 1] - g.worth()[0];
            Claims.that("efficiency in rationals: sum of exact phi = v(N) - v(empty)", total.equals(new BigFraction(vn)));
            Claims.close("efficiency: sum_i phi_i = v(N) - v(empty)", sum, vn, tolSum + Tol.gamma(n) * Math.abs(sum));
            boolean planted = isNull(g, 0) && (n < 3 || symmetric(g, 1, 2));
            check.cover(5, planted && n >= 3, "planted null player 0 and symmetric pair 1, 2");
            check.cover(5, additive(g), "additive game (every player a dummy)");
            for (int i = 0; i < n; i++) {
                if (isNull(g, i)) {
                    Claims.that("dummy: a null player gets phi_" + i + " = 0 exactly", phi[i] == 0);
                }
            }
            if (n >= 3 && symmetric(g, 1, 2)) {
                Claims.close("symmetry: phi_1 = phi_2", phi[1], phi[2], tolerance(g, 1) + tolerance(g, 2));
            }
            if (additive(g)) {
                for (int i = 0; i < n; i++) {
                    Claims.close("dummy: phi_" + i + " = v({i}) - v(empty) in an additive game", phi[i],
                            g.worth()[1 << i] - g.worth()[0], tolerance(g, i));
                }
            }
        });
    }

    static boolean isNull(Xai.TableGame g, int i) {
        for (int c = 0; c < g.worth().length; c++) {
            if ((c >> i & 1) == 0 && g.worth()[c | 1 << i] != g.worth()[c]) {
                return false;
            }
        }
        return true;
    }

    static boolean symmetric(Xai.TableGame g, int i, int j) {
        for (int c = 0; c < g.worth().length; c++) {
            if ((c >> i & 1) == 0 && (c >> j & 1) == 0 && g.worth()[c | 1 << i] != g.worth()[c | 1 << j]) {
                return false;
            }
        }
        return true;
    }

    static boolean additive(Xai.TableGame g) {
        for (int c = 0; c < g.worth().length; c++) {
            long sum = g.worth()[0];
            for (int i = 0; i < g.n(); i++) {
                sum += (c >> i & 1) * (g.worth()[1 << i] - g.worth()[0]);
            }
            if (sum != g.worth()[c]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Linearity: phi(a v + b w) = a phi(v) + b phi(w) for integers a, b in [-3, 3] (the combined game is exact);
     * tolerance: the rounding of each side, gamma_{2^{n-1}+2} times its magnitude, the right side's two products
     * and sum adding 2 roundings.
     */
    @Property(tries = 100)
    void linearInTheGame(Check check) {
        Gen<Xai.TableGame[]> twoGames = Gens.integers(1, 6).flatMap(n -> Gens.tuples(Xai.games(n, n), Xai.games(n, n))
                .map(t -> new Xai.TableGame[] {t.first(), t.second()}));
        check.forAll(twoGames.as("(v, w)"), Gens.integers(-3, 3).as("a"), Gens.integers(-3, 3).as("b"), (vw, a, b) -> {
            Xai.TableGame v = vw[0];
            Xai.TableGame w = vw[1];
            int n = v.n();
            long[] mix = new long[v.worth().length];
            for (int c = 0; c < mix.length; c++) {
                mix[c] = a * v.worth()[c] + b * w.worth()[c];
            }
            Xai.TableGame u = new Xai.TableGame(n, mix);
            double[] pu = Shapley.values(u, n);
            double[] pv = Shapley.values(v, n);
            double[] pw = Shapley.values(w, n);
            for (int i = 0; i < n; i++) {
                double rhs = a * pv[i] + b * pw[i];
                double tol = tolerance(u, i) + Math.abs(a) * tolerance(v, i) + Math.abs(b) * tolerance(w, i)
                        + Tol.gamma(2) * (Math.abs(a * pv[i]) + Math.abs(b * pw[i]));
                Claims.close("phi_" + i + "(a v + b w) = a phi_" + i + "(v) + b phi_" + i + "(w)", pu[i], rhs, tol);
            }
        });
    }

    /** f(x) = w . x + b, as an nn Linear(n, 1) model. */
    static Target linear(Tensor w, double b) {
        return Target.model(new Layers.Linear(w.size(), 1), Params.of("weight", w.reshape(1, w.size()), "bias", Tensor.of(b)),
                Params.EMPTY, new int[] {w.size()}, 0);
    }

    /**
     * Linear model f = w . x + b (an nn Linear layer), n = 1 to 6: against a baseline phi_i = w_i (x_i - x'_i),
     * exactly 0 on ties; against a background set of k = 1 to 3 baselines phi_i = w_i (x_i - mean_j b_ji).
     * Rounding: each worth f(z) errs by delta = gamma_{n+1} (sum_i |w_i| max(|x_i|, |x'_i|) + |b|); phi_i is a
     * convex combination (weights sum to 1) of differences of two worths, so |phi_i - w_i d_i| &lt;=
     * 2 delta + gamma_{2^{n-1}+3} (|w_i d_i| + 2 delta); the closed form adds gamma_2 |w_i d_i|.
     */
    @Property(tries = 100)
    void linearModelsGetWeightTimesDifference(Check check) {
        Gen<Object[]> cases = Gens.integers(1, 6).flatMap(n -> Gens.tuples(Xai.vector(n, Xai.entries(-3, 3)),
                Xai.pairs(n, Xai.entries(-3, 3)), Xai.matrix(3, n, Xai.entries(-3, 3))).map(t -> new Object[] {t.first(),
                t.second(), t.third()}));
        Gen<Xai.Parts> shown = cases.map(c -> new Xai.Parts(new String[] {"w", "(x, x')", "background"}, c));
        check.forAll(shown.as("case"), Xai.entries(-3, 3).as("b"), Gens.integers(1, 3).as("k"), (c, b, k) -> {
            Tensor w = (Tensor) c.get(0);
            Xai.Pair p = (Xai.Pair) c.get(1);
            Tensor bg = ((Tensor) c.get(2)).slice(0, 0, k);
            int n = w.size();
            Target f = linear(w, b);
            double[] phi = Shapley.baseline(f, p.x(), p.baseline()).toArray();
            double[] d = p.d();
            double scale = Math.abs(b);
            for (int i = 0; i < n; i++) {
                scale += Math.abs(w.get(i)) * Math.max(Math.abs(p.x().get(i)), Math.max(Math.abs(p.baseline().get(i)),
                        bg.abs().max(0).get(i)));
            }
            double delta = Tol.gamma(n + 1) * scale;
            check.cover(Xai.COVER_TIES, p.hasTie(), "a tie x_i = x'_i");
            for (int i = 0; i < n; i++) {
                double expected = w.get(i) * d[i];
                double tol = 2 * delta + Tol.gamma((1 << (n - 1)) + 5) * (Math.abs(expected) + 2 * delta);
                Claims.close("phi_" + i + " = w_i (x_i - x'_i)", phi[i], expected, tol);
                if (d[i] == 0) {
                    Claims.that("phi_" + i + " = 0 exactly when x_i = x'_i", phi[i] == 0);
                }
            }
            double[] phiBg = Shapley.background(f, p.x(), bg).toArray();
            for (int i = 0; i < n; i++) {
                double mean = 0;
                for (int j = 0; j < k; j++) {
                    mean += bg.get(j, i);
                }
                mean /= k;
                double expected = w.get(i) * (p.x().get(i) - mean);
                double tol = 2 * delta + Tol.gamma((1 << (n - 1)) + k + 8) * (Math.abs(w.get(i)) * (Math.abs(p.x().get(i))
                        + bg.abs().max(0).get(i)) + 2 * delta);
                Claims.close("phi_" + i + " = w_i (x_i - mean_j b_ji) (background of " + k + ")", phiBg[i], expected, tol);
            }
        });
    }

    /** An additive model f(x) = sum_i (w_i x_i + q_i x_i^2 + r_i tanh x_i) as a Var function. */
    record Additive(Tensor w, Tensor q, Tensor r) {
        Target target() {
            int n = w.size();
            return Target.of(new int[] {n}, x -> {
                var g = x.graph();
                return g.constant(w).mul(x).add(g.constant(q).mul(x.mul(x))).add(g.constant(r).mul(x.tanh())).sum();
            });
        }

        /** f_i(t) and its absolute scale |w_i t| + |q_i| t^2 + |r_i|. */
        double part(int i, double t) {
            return w.get(i) * t + q.get(i) * t * t + r.get(i) * Math.tanh(t);
        }

        double scale(int i, double t) {
            return Math.abs(w.get(i) * t) + Math.abs(q.get(i)) * t * t + Math.abs(r.get(i));
        }

        @Override
        public String toString() {
            return "f = sum_i w_i x_i + q_i x_i^2 + r_i tanh x_i, w = " + Xai.show(w) + ", q = " + Xai.show(q) + ", r = " + Xai.show(r);
        }
    }

    /**
     * Occlusion of an additive model: occlusion_i = f(x) - f(x with x_i from x') = f_i(x_i) - f_i(x'_i) = phi_i
     * (the game is additive, every player a dummy), and a patch (group) gets the sum over its members.
     * Rounding: f(z) within gamma_{n+8} sum_i scale_i(z_i) (three products, tanh within 3 ulp, two sums), the
     * reference f_i(x_i) - f_i(x'_i) within gamma_8 of its scales, Shapley adds its convex combination.
     */
    @Property(tries = 100)
    void occlusionEqualsShapleyOnAdditiveModels(Check check) {
        Gen<Object[]> cases = Gens.integers(1, 7).flatMap(n -> Gens.tuples(Gens.tuples(Xai.vector(n, Xai.entries(-2, 2)),
                Xai.vector(n, Xai.entries(-2, 2)), Xai.vector(n, Xai.entries(-2, 2))), Xai.pairs(n, Xai.entries(-3, 3)),
                Gens.integers(1, n)).map(t -> new Object[] {new Additive(t.first().first(), t.first().second(),
                t.first().third()), t.second(), t.third()}));
        check.forAll(cases.as("(f, x, x', patches)"), c -> {
            Additive f = (Additive) c[0];
            Xai.Pair p = (Xai.Pair) c[1];
            int patches = (Integer) c[2];
            int n = f.w().size();
            double[] x = p.x().toArray();
            double[] b = p.baseline().toArray();
            double total = 0;
            for (int i = 0; i < n; i++) {
                total += Math.max(f.scale(i, x[i]), f.scale(i, b[i]));
            }
            double delta = Tol.gamma(n + 8) * total;
            double[] occ = Occlusion.attribute(f.target(), p.x(), p.baseline()).toArray();
            double[] phi = Shapley.baseline(f.target(), p.x(), p.baseline()).toArray();
            int[] groups = new int[n];
            for (int i = 0; i < n; i++) {
                groups[i] = i % patches;
            }
            double[] occPatch = Occlusion.attribute(f.target(), p.x(), p.baseline(), groups).toArray();
            for (int i = 0; i < n; i++) {
                double ref = f.part(i, x[i]) - f.part(i, b[i]);
                double refTol = Tol.gamma(8) * (f.scale(i, x[i]) + f.scale(i, b[i]));
                Claims.close("occlusion_" + i + " = f_i(x_i) - f_i(x'_i)", occ[i], ref, 2 * delta + refTol);
                Claims.close("phi_" + i + " = f_i(x_i) - f_i(x'_i)", phi[i], ref,
                        2 * delta + refTol + Tol.gamma((1 << (n - 1)) + 3) * (Math.abs(ref) + 2 * delta));
                double patch = 0;
                double patchTol = 2 * delta;
                for (int j = 0; j < n; j++) {
                    if (groups[j] == groups[i]) {
                        patch += f.part(j, x[j]) - f.part(j, b[j]);
                        patchTol += Tol.gamma(n + 8) * (f.scale(j, x[j]) + f.scale(j, b[j]));
                    }
                }
                Claims.close("patch occlusion_" + i + " = sum over the patch of f_j(x_j) - f_j(x'_j)", occPatch[i], patch, patchTol);
            }
        });
    }

    /**
     * Drop the Shapley weights: the Banzhaf value (every coalition weighted 1/2^{n-1}, written here) is not
     * efficient: sum_i beta_i = v(N) - v(empty) fails.
     */
    @Counterexample
    void banzhafWeightsAreNotEfficient(Check check) {
        check.forAll(Xai.games(1, 5).as("game"), g -> {
            int n = g.n();
            BigFraction sum = BigFraction.ZERO;
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < g.worth().length; c++) {
                    if ((c >> i & 1) == 0) {
                        sum = sum.add(new BigFraction(g.worth()[c | 1 << i] - g.worth()[c]).divide(1L << (n - 1)));
                    }
                }
            }
            long vn = g.worth()[(1 << n) - 1] - g.worth()[0];
            Claims.that("Banzhaf: sum_i beta_i (" + sum + ") = v(N) - v(empty) (" + vn + ")", sum.equals(new BigFraction(vn)));
        });
    }

    /**
     * Drop additivity: with an interaction (f = w.x + kappa x_0 x_1) occlusion and Shapley differ (Shapley
     * splits the interaction, occlusion gives each feature all of it).
     */
    @Counterexample
    void occlusionIsNotShapleyWithInteractions(Check check) {
        check.forAll(Xai.pairs(2, Xai.entries(-3, 3)).as("(x, x')"), Xai.entries(-2, 2).as("kappa"), (p, kappa) -> {
            Target f = Target.of(new int[] {2}, x -> x.sum().add(x.slice(0, 0, 1).mul(x.slice(0, 1, 2)).sum().mul(kappa)));
            double[] occ = Occlusion.attribute(f, p.x(), p.baseline()).toArray();
            double[] phi = Shapley.baseline(f, p.x(), p.baseline()).toArray();
            double scale = 0;
            for (int i = 0; i < 2; i++) {
                scale += Math.abs(p.x().get(i)) + Math.abs(p.baseline().get(i));
            }
            double tol = Tol.gamma(10) * (scale + Math.abs(kappa) * scale * scale);
            Claims.close("occlusion_0 = phi_0", occ[0], phi[0], tol);
        });
    }
}
