package dlmath.theorems.variational;

import dlmath.variational.Cavi;
import dlmath.variational.DiscreteFunctional;
import dlmath.variational.GaussianMixture;
import dlmath.variational.Potential;

/**
 * The series behind the chapter's figures, one call each (for the theorem report's plots): x values in row 0,
 * y values in row 1. Deterministic inputs, no randomness.
 */
public final class VarSeries {

    private VarSeries() {
    }

    /** CAVI on N(0, Lambda^{-1}), Lambda = [[2, 1.2, 0], [1.2, 2, 0.8], [0, 0.8, 1]]: the ELBO after each coordinate update. */
    public static double[][] caviElboPerUpdate() {
        double[][] lambda = {{2, 1.2, 0}, {1.2, 2, 0.8}, {0, 0.8, 1}};
        Cavi cavi = new Cavi(new double[3], lambda);
        double[] trace = cavi.elboTrace(new Cavi.State(new double[] {3, -2, 1}, new double[] {1, 1, 1}), 10);
        return indexed(trace);
    }

    /** EM for a two-component mixture on 12 fixed points: the log-likelihood per EM step. */
    public static double[][] emLikelihoodPerStep() {
        double[] x = {-2.1, -1.7, -2.4, -1.9, -2.2, -1.5, 1.8, 2.3, 2.0, 1.6, 2.6, 2.1};
        GaussianMixture g = new GaussianMixture(new double[] {0.5, 0.5}, new double[] {-0.5, 0.3}, new double[] {1, 1});
        return indexed(g.logLikelihoodTrace(x, 1e-6, 30));
    }

    /**
     * VAR-01: max-norm error of the E-L solution reached by gradient descent for V = y^2/2 on [0, 1], y(0) = 0,
     * y(1) = 1, against the continuum sinh(x)/sinh(1), for h = 1/4, 1/8, ..., 1/64.
     */
    public static double[][] discretizationErrorAgainstH() {
        int levels = 5;
        double[][] r = new double[2][levels];
        for (int l = 0; l < levels; l++) {
            int n = 4 << l;
            DiscreteFunctional j = new DiscreteFunctional(0, 1, 0, 1, n, Potential.quadratic(1));
            double[] y = Vt.solveByDescent(j, 1, 1, 0, 1, 1e-14);
            double e = 0;
            for (int i = 1; i < n; i++) {
                e = Math.max(e, Math.abs(y[i - 1] - Math.sinh(j.node(i)) / Math.sinh(1)));
            }
            r[0][l] = j.h();
            r[1][l] = e;
        }
        return r;
    }

    private static double[][] indexed(double[] y) {
        double[][] r = new double[2][y.length];
        for (int i = 0; i < y.length; i++) {
            r[0][i] = i;
            r[1][i] = y[i];
        }
        return r;
    }
}
