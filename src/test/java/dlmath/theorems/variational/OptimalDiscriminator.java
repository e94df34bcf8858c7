package dlmath.theorems.variational;

import static dlmath.check.Tol.gamma;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.gen.SimplexGens;
import dlmath.prob.Normal;
import dlmath.prob.Quadrature;
import dlmath.variational.Gan;
import java.util.Arrays;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.junit.jupiter.api.Tag;

/**
 * VAR-10 The optimal GAN discriminator: for fixed p (data) and q (generator), V(D) = E_p log D + E_q log(1 - D) is
 * maximized by D*(x) = p(x) / (p(x) + q(x)), and V(D*) = 2 JS(p || q) - ln 4. Goodfellow et al., Generative
 * Adversarial Nets, NeurIPS 2014, Prop. 1 and the proof of Thm 1. Page:
 * theorems/variational/VAR-10-optimal-discriminator.md.
 */
@Theorem(id = "VAR-10", name = "Optimal GAN discriminator",
        statement = "D* = p/(p+q) maximizes E_p log D + E_q log(1-D), with value 2 JS(p||q) - ln 4")
@Tag("variational")
class OptimalDiscriminator {

    static final Gen<double[][]> PAIRS = Gens.integers(1, 8).flatMap(n -> Gens.oneOf(
            Gens.tuples(SimplexGens.simplexWithZeros(n, n), SimplexGens.simplexWithZeros(n, n)),
            Gens.tuples(SimplexGens.simplexWideWithZeros(n, n), SimplexGens.simplexWideWithZeros(n, n)))
            .map(t -> new double[][] {t.first().toArray(), t.second().toArray()}));

    /** JS(p || q) by the test's own loop: 1/2 sum p log(2p/(p+q)) + 1/2 sum q log(2q/(p+q)), 0 log 0 = 0. */
    static double js(double[] p, double[] q) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            double m = p[i] + q[i];
            if (p[i] > 0) {
                s += 0.5 * p[i] * Math.log(2 * p[i] / m);
            }
            if (q[i] > 0) {
                s += 0.5 * q[i] * Math.log(2 * q[i] / m);
            }
        }
        return s;
    }

    /** gamma_{n+8} times sum (p_i + q_i)(|log p_i| + |log q_i| + |log(p_i + q_i)| + 2) bounds both sides' rounding. */
    static double magnitude(double[] p, double[] q) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            s += (p[i] + q[i]) * ((p[i] > 0 ? Math.abs(Math.log(p[i])) : 0) + (q[i] > 0 ? Math.abs(Math.log(q[i])) : 0)
                    + Math.abs(Math.log(p[i] + q[i] > 0 ? p[i] + q[i] : 1)) + 2);
        }
        return gamma(p.length + 8) * s;
    }

    @Property(tries = 300)
    void optimalValueIsTwiceJsMinusLn4(Check check) {
        check.forAll(PAIRS.as("(p, q)"), Gens.doubles(0, 1).list(8, 8).as("another D"), (pq, other) -> {
            double[] p = pq[0];
            double[] q = pq[1];
            double[] d = Gan.optimalDiscriminator(p, q);
            double v = Gan.optimalValue(p, q);
            double tol = 2 * magnitude(p, q);
            double vd = Gan.value(d, p, q);
            boolean resolved = true;
            for (int i = 0; i < p.length; i++) {
                resolved &= q[i] == 0 || d[i] < 1;
                resolved &= p[i] == 0 || d[i] > 0;
            }
            if (resolved) {   // D* representable without rounding to 0 or 1 where it matters
                Claims.close("V(D*) evaluated at the array D* = optimal value", vd, v, tol);
            } else {
                check.label("D* rounds to 0 or 1 on the support");
            }
            Claims.close("V(D*) = 2 JS(p||q) - ln 4", v, 2 * js(p, q) - Math.log(4), tol);
            double[] e = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                e[i] = other.get(i);
                Claims.close("D*_" + i + " = p/(p+q)", d[i], p[i] + q[i] == 0 ? 0.5 : p[i] / (p[i] + q[i]), gamma(1));
            }
            double ve = Gan.value(e, p, q);
            check.target(ve - v, "V(D) - V(D*)");
            Claims.atMost("V(D) <= V(D*)", ve, v + tol);
        });
    }

    record Gaussians(Normal p, Normal q, double alpha, double beta) {
    }

    static final Gen<Gaussians> GAUSSIANS = s -> new Gaussians(
            new Normal(s.draw(Gens.doubles(-3, 3)), s.draw(Gens.doubles(0.3, 3))),
            new Normal(s.draw(Gens.doubles(-3, 3)), s.draw(Gens.doubles(0.3, 3))),
            s.draw(Gens.doubles(-4, 4)), s.draw(Gens.doubles(-4, 4)));

    /**
     * JS of two normals by commons-math3's 32-point Gauss-Legendre rule on 40 and on 80 equal pieces of
     * [min mean - 12 max sd, max mean + 12 max sd] (the tails beyond carry less than 1e-30): the finer value,
     * with the two values' difference plus 1e-13 as its error.
     */
    static double[] jsGaussian(Normal p, Normal q) {
        double sd = Math.max(Math.sqrt(p.variance()), Math.sqrt(q.variance()));
        double lo = Math.min(p.mean(), q.mean()) - 12 * sd;
        double hi = Math.max(p.mean(), q.mean()) + 12 * sd;
        double coarse = composite(p, q, lo, hi, 40);
        double fine = composite(p, q, lo, hi, 80);
        return new double[] {fine, Math.abs(fine - coarse) + 1e-13};
    }

    static final GaussIntegratorFactory GAUSS = new GaussIntegratorFactory();

    static double composite(Normal p, Normal q, double lo, double hi, int pieces) {
        double total = 0;
        for (int k = 0; k < pieces; k++) {
            double a = lo + (hi - lo) * k / pieces;
            double b = lo + (hi - lo) * (k + 1) / pieces;
            total += GAUSS.legendre(32, a, b).integrate(x -> {
                double lp = logNormal(p, x);
                double lq = logNormal(q, x);
                double m = Math.max(lp, lq);
                double lm = m + Math.log(Math.exp(lp - m) + Math.exp(lq - m)) - Math.log(2);
                return 0.5 * Math.exp(lp) * (lp - lm) + 0.5 * Math.exp(lq) * (lq - lm);
            });
        }
        return total;
    }

    static double logNormal(Normal n, double x) {
        double z = (x - n.mean()) / Math.sqrt(n.variance());
        return -0.5 * Math.log(2 * Math.PI * n.variance()) - z * z / 2;
    }

    /**
     * Gaussian pairs: V(D*) (prob.Quadrature in log space) = 2 JS - ln 4 (commons-math3); a sigmoid discriminator
     * sigma(alpha x + beta) does no better. Tolerance: the two quadratures' error estimates (prob.Quadrature's
     * last-level difference; the coarse-fine difference of the composite Gauss-Legendre rule).
     */
    @Property(tries = 25)
    void gaussianPairs(Check check) {
        check.forAll(GAUSSIANS.as("(p, q, alpha, beta)"), g -> {
            Quadrature.Result v = Gan.optimalValue(g.p(), g.q());
            double[] js = jsGaussian(g.p(), g.q());
            double ref = 2 * js[0] - Math.log(4);
            Claims.close("V(D*) = 2 JS(p||q) - ln 4 (Gaussians)", v.value(), ref, v.error() + 2 * js[1]);
            Quadrature.Result other = Gan.value(x -> 1 / (1 + Math.exp(-(g.alpha() * x + g.beta()))), g.p(), g.q());
            check.target(other.value() - v.value(), "V(sigmoid) - V(D*)");
            Claims.atMost("V(sigmoid(alpha x + beta)) <= V(D*)", other.value(), v.value() + v.error() + other.error()
                    + 1e-10);
            double x0 = g.p().mean();
            Claims.close("D*(x) = p/(p+q) at the mean of p", Gan.optimalDiscriminator(g.p(), g.q()).applyAsDouble(x0),
                    g.p().prob(x0) / (g.p().prob(x0) + g.q().prob(x0)), 1e-14);
        });
    }

    /**
     * Drop "D ranges over all functions": the best constant discriminator (1/2, value -ln 4) does not reach
     * 2 JS - ln 4 when p != q.
     */
    @Counterexample
    void restrictedDiscriminatorsFallShort(Check check) {
        check.forAll(PAIRS.as("(p, q)"), pq -> {
            double[] half = new double[pq[0].length];
            Arrays.fill(half, 0.5);
            Claims.close("max over constant D of V(D) = 2 JS - ln 4", Gan.value(half, pq[0], pq[1]),
                    2 * js(pq[0], pq[1]) - Math.log(4), 2 * magnitude(pq[0], pq[1]));
        });
    }
}
