package dlmath.explain;

import dlmath.tensor.Tensor;
import java.util.Objects;

/**
 * Occlusion (Zeiler &amp; Fergus, Visualizing and Understanding Convolutional Networks, ECCV 2014,
 * Sec. 4.2; Captum's {@code Occlusion} with disjoint patches): the attribution of a feature is the
 * drop of f when its patch is replaced by the baseline, f(x) - f(x with the patch from x').
 */
public final class Occlusion {

    private Occlusion() {
    }

    /**
     * Occlusion of one feature at a time.
     *
     * @param f the target
     * @param x the input
     * @param baseline the replacement values, of x's shape
     * @return f(x) - f(x with x_i replaced by x'_i), for each i
     */
    public static Tensor attribute(Target f, Tensor x, Tensor baseline) {
        Objects.requireNonNull(f, "f");
        int[] groups = new int[f.features()];
        for (int i = 0; i < groups.length; i++) {
            groups[i] = i;
        }
        return attribute(f, x, baseline, groups);
    }

    /**
     * Occlusion of patches: features with the same group id are replaced together, and each
     * feature gets the drop of its patch.
     *
     * @param f the target
     * @param x the input
     * @param baseline the replacement values, of x's shape
     * @param groups the patch id of each feature (flat index order), in [0, features)
     * @return f(x) - f(x with the feature's patch replaced), for each feature
     * @throws IllegalArgumentException if groups has the wrong length or an id out of range
     */
    public static Tensor attribute(Target f, Tensor x, Tensor baseline, int[] groups) {
        Objects.requireNonNull(f, "f");
        Objects.requireNonNull(groups, "groups");
        f.requireInput("Occlusion.attribute", "x", x);
        f.requireInput("Occlusion.attribute", "baseline", baseline);
        int n = f.features();
        if (groups.length != n) {
            throw new IllegalArgumentException("Occlusion.attribute: groups has " + groups.length
                    + " entries, but the input has " + n + " features");
        }
        for (int i = 0; i < n; i++) {
            if (groups[i] < 0 || groups[i] >= n) {
                throw new IllegalArgumentException("Occlusion.attribute: groups[" + i + "] = " + groups[i]
                        + " is out of range [0, " + n + ")");
            }
        }
        double[] xs = x.toArray();
        double[] bs = baseline.toArray();
        int[] shape = f.shape();
        double fx = f.value(x);
        double[] drop = new double[n];
        boolean[] done = new boolean[n];
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            int g = groups[i];
            if (!done[g]) {
                double[] z = xs.clone();
                for (int j = 0; j < n; j++) {
                    if (groups[j] == g) {
                        z[j] = bs[j];
                    }
                }
                drop[g] = fx - f.value(Tensor.of(shape, z));
                done[g] = true;
            }
            out[i] = drop[g];
        }
        return Tensor.of(shape, Shapley.finite("Occlusion.attribute", out));
    }
}
