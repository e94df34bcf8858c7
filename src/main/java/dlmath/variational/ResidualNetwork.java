package dlmath.variational;

import java.util.Objects;

/**
 * A residual network of {@code L} blocks {@code x_{k+1} = x_k + (1/L) g(k/L, x_k)}: each block is an
 * Euler step of size {@code 1/L} for {@code x' = g(t, x)} on {@code [0, 1]} (Haber &amp; Ruthotto,
 * Stable architectures for deep neural networks, Inverse Problems 34 (2018); E, A proposal on machine
 * learning via dynamical systems, 2017), so the network tends to the ODE's flow map as L grows.
 */
public final class ResidualNetwork {

    private final Ode.Field residual;
    private final int blocks;

    /**
     * @param residual the residual branch g(t, x)
     * @param blocks the depth L, at least 1
     */
    public ResidualNetwork(Ode.Field residual, int blocks) {
        this.residual = Objects.requireNonNull(residual, "residual");
        this.blocks = Args.count("ResidualNetwork", "blocks", blocks, 1);
    }

    public int blocks() {
        return blocks;
    }

    /** The output {@code x_L} for the input {@code x_0}. */
    public double[] forward(double[] x) {
        Args.vector("ResidualNetwork.forward", "x", x);
        double h = 1.0 / blocks;
        double[] y = x.clone();
        for (int k = 0; k < blocks; k++) {
            double[] g = residual.at(k * h, y.clone());
            if (g == null || g.length != y.length) {
                throw Args.error("ResidualNetwork.forward", "the residual branch returned %s for a state of length %d",
                        g == null ? "null" : "length " + g.length, y.length);
            }
            for (int i = 0; i < y.length; i++) {
                y[i] += h * g[i];
            }
        }
        return y;
    }
}
