package dlmath.nn;

import dlmath.autodiff.Var;
import dlmath.tensor.Checks;
import dlmath.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * Losses with PyTorch's semantics and its default reduction (the mean over the batch).
 * Cross-entropies take logits and go through log-softmax / softplus, which are stable for any
 * finite logits (Goodfellow, Bengio &amp; Courville, Deep Learning, MIT Press 2016, Sec. 4.1 and
 * 6.2.2.3).
 */
public final class Losses {

    private Losses() {
    }

    private static void sameShape(String op, Var a, Tensor b) {
        Objects.requireNonNull(a, "input");
        Objects.requireNonNull(b, "target");
        if (!Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException(op + ": input " + Arrays.toString(a.shape()) + " and target "
                    + Arrays.toString(b.shape()) + " differ in shape");
        }
    }

    /**
     * Mean squared error, mean((input - target)^2).
     *
     * @param input the prediction
     * @param target the target, of the same shape
     * @return the loss, a scalar
     */
    public static Var mse(Var input, Tensor target) {
        sameShape("mse", input, target);
        Var d = input.sub(input.graph().constant(target));
        return d.mul(d).mean();
    }

    /**
     * Binary cross-entropy with logits, mean(softplus(z) - y z) = mean(-y log sigmoid(z) -
     * (1 - y) log(1 - sigmoid(z))) (PyTorch's {@code binary_cross_entropy_with_logits}).
     *
     * @param logits z
     * @param target y in [0, 1], of the same shape
     * @return the loss
     */
    public static Var bceWithLogits(Var logits, Tensor target) {
        sameShape("bceWithLogits", logits, target);
        return Functional.softplus(logits).sub(logits.mul(logits.graph().constant(target))).mean();
    }

    /**
     * Cross-entropy with logits and class indices, -mean_n log softmax(z_n)[y_n].
     *
     * @param logits z [N, K]
     * @param labels y_n in [0, K)
     * @return the loss
     * @throws IllegalArgumentException if a label is out of range or the counts differ
     */
    public static Var crossEntropy(Var logits, int[] labels) {
        Objects.requireNonNull(logits, "logits");
        Objects.requireNonNull(labels, "labels");
        int[] s = logits.shape();
        if (s.length != 2 || s[0] != labels.length) {
            throw new IllegalArgumentException("crossEntropy: logits " + Arrays.toString(s) + " need [N, K] with N = "
                    + labels.length + " labels");
        }
        return crossEntropy(logits, oneHot(labels, s[1]));
    }

    /**
     * Cross-entropy with logits and probability (or one-hot) targets,
     * -mean_n sum_k y_nk log softmax(z_n)_k.
     *
     * @param logits z [N, K]
     * @param target y [N, K]
     * @return the loss
     */
    public static Var crossEntropy(Var logits, Tensor target) {
        sameShape("crossEntropy", logits, target);
        if (logits.rank() != 2) {
            throw new IllegalArgumentException("crossEntropy: expected logits [N, K], got " + Arrays.toString(logits.shape()));
        }
        Var logp = Functional.logSoftmax(logits, 1);
        return logp.mul(logits.graph().constant(target)).sum().div(-(double) logits.shape()[0]);
    }

    /**
     * One-hot rows.
     *
     * @param labels y_n in [0, k)
     * @param k the number of classes
     * @return [N, k] with a 1 at (n, y_n)
     * @throws IllegalArgumentException if a label is out of range
     */
    public static Tensor oneHot(int[] labels, int k) {
        Objects.requireNonNull(labels, "labels");
        if (k < 1) {
            throw new IllegalArgumentException("oneHot: the number of classes k must be >= 1, got " + k);
        }
        double[] d = new double[Checks.sizeProduct("oneHot", labels.length, k)];
        for (int n = 0; n < labels.length; n++) {
            if (labels[n] < 0 || labels[n] >= k) {
                throw new IllegalArgumentException("crossEntropy: label " + labels[n] + " at row " + n + " is out of range [0, " + k + ")");
            }
            d[n * k + labels[n]] = 1;
        }
        return Tensor.of(new int[] {labels.length, k}, d);
    }
}
