package dlmath.theorems.optimization;

import static dlmath.check.Tol.U;
import static dlmath.check.Tol.gamma;

/**
 * torch.optim's documented pseudo-code (pytorch.org/docs/stable/optim.html, the algorithm boxes
 * of SGD, Adam, AdamW, Adagrad and RMSprop), written out as plain loops over {@code double[]} for
 * one parameter vector, separately from {@code dlmath.optim}. Each {@link #update} takes theta_{t-1}
 * and g_t and returns the step theta_t - theta_{t-1}; {@link #tolerance} then bounds, entry by
 * entry, |ours - reference| for two implementations that each follow the formulas with at most
 * a few roundings per operation (Higham's model, gamma_k = k u / (1 - k u)): a first-order running
 * error bound carried along with the magnitudes of the state (sums of positive terms keep a
 * relative error gamma_{2t+2}; the bias corrections 1 - beta^t err relatively by
 * u + 2u beta^t / (1 - beta^t) through pow; a square root halves a relative error; and the bound
 * is doubled for the two implementations).
 */
abstract class TorchReference {

    long t;
    double[] tol;

    abstract double[] update(double[] theta, double[] g);

    double[] tolerance() {
        return tol.clone();
    }

    /**
     * Gradual underflow (Higham, eq. (2.8)): each operation may also err by 2^-1075 absolutely;
     * about 10 t + 20 of them, each amplified by at most {@code amplification}, for both sides.
     */
    double underflow(double amplification) {
        return 2 * (10 * t + 20) * Double.MIN_VALUE * (1 + amplification);
    }

    /** Relative error of a computed 1 - beta^t. */
    static double biasError(double beta, long t) {
        double p = Math.pow(beta, t);
        return U + 2 * U * p / (1 - p);
    }

    /**
     * SGD: g = g + lambda theta; b_1 = g, b_t = mu b_{t-1} + (1 - tau) g; g = g + mu b (Nesterov) or b;
     * theta = theta - gamma g.
     */
    static final class Sgd extends TorchReference {
        final double lr;
        final double momentum;
        final double dampening;
        final double weightDecay;
        final boolean nesterov;
        double[] b;
        double[] bMag;

        Sgd(double lr, double momentum, double dampening, double weightDecay, boolean nesterov) {
            this.lr = lr;
            this.momentum = momentum;
            this.dampening = dampening;
            this.weightDecay = weightDecay;
            this.nesterov = nesterov;
        }

        @Override
        double[] update(double[] theta, double[] g0) {
            t++;
            int n = g0.length;
            double[] out = new double[n];
            tol = new double[n];
            if (b == null) {
                b = new double[n];
                bMag = new double[n];
            }
            for (int i = 0; i < n; i++) {
                double g = g0[i];
                double gMag = Math.abs(g);
                if (weightDecay != 0) {
                    g = g + weightDecay * theta[i];
                    gMag = gMag + weightDecay * Math.abs(theta[i]);
                }
                double d = g;
                double dMag = gMag;
                if (momentum != 0) {
                    if (t > 1) {
                        b[i] = momentum * b[i] + (1 - dampening) * g;
                        bMag[i] = momentum * bMag[i] + Math.abs(1 - dampening) * gMag;
                    } else {
                        b[i] = g;
                        bMag[i] = gMag;
                    }
                    if (nesterov) {
                        d = g + momentum * b[i];
                        dMag = gMag + momentum * bMag[i];
                    } else {
                        d = b[i];
                        dMag = bMag[i];
                    }
                }
                out[i] = -lr * d;
                tol[i] = 2 * gamma(3 * (int) t + 8) * lr * dMag + underflow(t * (1 + lr) * (1 + momentum) * (1 + weightDecay));
            }
            return out;
        }
    }

    /**
     * Adam / AdamW: (Adam) g = g + lambda theta, or (AdamW) theta = theta - gamma lambda theta;
     * m = beta1 m + (1 - beta1) g; v = beta2 v + (1 - beta2) g^2; m^ = m / (1 - beta1^t);
     * v^ = v / (1 - beta2^t), or with amsgrad v^max = max(v^max, v^) (PyTorch keeps the maximum of
     * the uncorrected v, divided by 1 - beta2^t: the same for a fixed t); theta = theta - gamma m^ /
     * (sqrt(v^) + eps).
     */
    static final class Adam extends TorchReference {
        final double lr;
        final double beta1;
        final double beta2;
        final double eps;
        final double weightDecay;
        final boolean amsgrad;
        final boolean decoupled;
        double[] m;
        double[] mMag;
        double[] v;
        double[] vMax;

        Adam(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad, boolean decoupled) {
            this.lr = lr;
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.eps = eps;
            this.weightDecay = weightDecay;
            this.amsgrad = amsgrad;
            this.decoupled = decoupled;
        }

        @Override
        double[] update(double[] theta, double[] g0) {
            t++;
            int n = g0.length;
            if (m == null) {
                m = new double[n];
                mMag = new double[n];
                v = new double[n];
                vMax = new double[n];
            }
            double[] out = new double[n];
            tol = new double[n];
            double bc1 = 1 - Math.pow(beta1, t);
            double bc2 = 1 - Math.pow(beta2, t);
            double relM = gamma(2 * (int) t + 4) + biasError(beta1, t);
            double relD = gamma(2 * (int) t + 8) + biasError(beta2, t);
            for (int i = 0; i < n; i++) {
                double g = g0[i];
                double gMag = Math.abs(g);
                double decay = 0;
                double relDi = relD;
                if (weightDecay != 0) {
                    if (decoupled) {
                        decay = -lr * weightDecay * theta[i];
                    } else {
                        g = g + weightDecay * theta[i];
                        gMag = gMag + weightDecay * Math.abs(theta[i]);
                        relDi += 2 * U; // g^2 of a rounded sum
                    }
                }
                m[i] = beta1 * m[i] + (1 - beta1) * g;
                mMag[i] = beta1 * mMag[i] + (1 - beta1) * gMag;
                v[i] = beta2 * v[i] + (1 - beta2) * g * g;
                double mHat = m[i] / bc1;
                double vHat;
                if (amsgrad) {
                    vMax[i] = Math.max(vMax[i], v[i]);
                    vHat = vMax[i] / bc2;
                } else {
                    vHat = v[i] / bc2;
                }
                double denom = Math.sqrt(vHat) + eps;
                double step = -lr * mHat / denom;
                out[i] = step + decay;
                double mHatMag = mMag[i] / bc1;
                // weight decay with the L2 penalty perturbs g by u |g + lambda theta|, inside mMag
                tol[i] = 2 * lr * (relM * mHatMag + (relDi + gamma(4)) * Math.abs(mHat)) / denom
                        + 2 * gamma(4) * Math.abs(decay) + 2 * gamma(2) * Math.abs(step) + underflow(t * (1 + lr) * (1 + 1 / bc1) * (1 + 1 / denom) * (1 + weightDecay));
            }
            return out;
        }
    }

    /**
     * Adagrad: gamma~ = gamma / (1 + (t - 1) eta); g = g + lambda theta; sum = sum + g^2;
     * theta = theta - gamma~ g / (sqrt(sum) + eps).
     */
    static final class Adagrad extends TorchReference {
        final double lr;
        final double lrDecay;
        final double weightDecay;
        final double initial;
        final double eps;
        double[] sum;

        Adagrad(double lr, double lrDecay, double weightDecay, double initial, double eps) {
            this.lr = lr;
            this.lrDecay = lrDecay;
            this.weightDecay = weightDecay;
            this.initial = initial;
            this.eps = eps;
        }

        @Override
        double[] update(double[] theta, double[] g0) {
            t++;
            int n = g0.length;
            if (sum == null) {
                sum = new double[n];
                java.util.Arrays.fill(sum, initial);
            }
            double clr = lr / (1 + (t - 1) * lrDecay);
            double[] out = new double[n];
            tol = new double[n];
            for (int i = 0; i < n; i++) {
                double g = g0[i];
                double gMag = Math.abs(g);
                if (weightDecay != 0) {
                    g = g + weightDecay * theta[i];
                    gMag = gMag + weightDecay * Math.abs(theta[i]);
                }
                sum[i] = sum[i] + g * g;
                double denom = Math.sqrt(sum[i]) + eps;
                out[i] = -clr * g / denom;
                tol[i] = 2 * gamma((int) t + 12) * clr * gMag / denom + underflow((1 + clr) * (1 + 1 / denom) * (1 + weightDecay));
            }
            return out;
        }
    }

    /**
     * RMSprop: g = g + lambda theta; v = alpha v + (1 - alpha) g^2; v~ = v, or centered
     * g_ave = alpha g_ave + (1 - alpha) g, v~ = v - g_ave^2; with momentum mu &gt; 0 b = mu b +
     * g / (sqrt(v~) + eps), theta = theta - gamma b; else theta = theta - gamma g / (sqrt(v~) + eps).
     * The centered v~ suffers cancellation: its absolute error (at most gamma (|v| + g_ave^2)) is
     * carried into the denominator as min(err / (2 sqrt v~), sqrt err).
     */
    static final class RmsProp extends TorchReference {
        final double lr;
        final double alpha;
        final double eps;
        final double weightDecay;
        final double momentum;
        final boolean centered;
        double[] v;
        double[] gAve;
        double[] gAveMag;
        double[] b;
        double[] bErr;
        double[] bMag;

        RmsProp(double lr, double alpha, double eps, double weightDecay, double momentum, boolean centered) {
            this.lr = lr;
            this.alpha = alpha;
            this.eps = eps;
            this.weightDecay = weightDecay;
            this.momentum = momentum;
            this.centered = centered;
        }

        @Override
        double[] update(double[] theta, double[] g0) {
            t++;
            int n = g0.length;
            if (v == null) {
                v = new double[n];
                gAve = new double[n];
                gAveMag = new double[n];
                b = new double[n];
                bErr = new double[n];
                bMag = new double[n];
            }
            double[] out = new double[n];
            tol = new double[n];
            for (int i = 0; i < n; i++) {
                double g = g0[i];
                double gMag = Math.abs(g);
                if (weightDecay != 0) {
                    g = g + weightDecay * theta[i];
                    gMag = gMag + weightDecay * Math.abs(theta[i]);
                }
                v[i] = alpha * v[i] + (1 - alpha) * g * g;
                double vt = v[i];
                double vErr = gamma(2 * (int) t + 6) * v[i];
                if (centered) {
                    gAve[i] = alpha * gAve[i] + (1 - alpha) * g;
                    gAveMag[i] = alpha * gAveMag[i] + (1 - alpha) * gMag;
                    vt = Math.max(0, v[i] - gAve[i] * gAve[i]);
                    vErr = gamma(2 * (int) t + 8) * (v[i] + gAveMag[i] * gAveMag[i]);
                }
                double sq = Math.sqrt(vt);
                double sqErr = vt > 0 ? Math.min(vErr / (2 * sq), Math.sqrt(vErr)) : Math.sqrt(vErr);
                sqErr += gamma(2) * sq;
                double denom = sq + eps;
                double low = Math.max(denom - sqErr, Double.MIN_NORMAL);
                double q = g / denom;
                double qErr = gMag * sqErr / (denom * low) + gamma(3) * gMag / low;
                if (momentum > 0) {
                    b[i] = momentum * b[i] + q;
                    bErr[i] = momentum * bErr[i] + qErr + gamma(2) * (momentum * bMag[i] + Math.abs(q));
                    bMag[i] = momentum * bMag[i] + Math.abs(q) + qErr;
                    out[i] = -lr * b[i];
                    tol[i] = 2 * (lr * bErr[i] + gamma(2) * lr * bMag[i]) + underflow(t * (1 + lr) * (1 + 1 / low) * (1 + weightDecay));
                } else {
                    out[i] = -lr * q;
                    tol[i] = 2 * (lr * qErr + gamma(2) * lr * Math.abs(q)) + underflow((1 + lr) * (1 + 1 / low) * (1 + weightDecay));
                }
            }
            return out;
        }
    }
}
