package dlmath.optim;

/**
 * Learning-rate schedules as functions of the step count t = 1, 2, ... (the first step uses
 * {@code at(1)}). PyTorch's schedulers count epochs from 0; here {@code t - 1} plays that role.
 */
public final class Schedules {

    private Schedules() {
    }

    /** gamma_t = lr. */
    public static Schedule constant(double lr) {
        Trees.nonNegative("constant", "lr", lr);
        return t -> count(t) > 0 ? lr : lr;
    }

    /**
     * torch.optim.lr_scheduler.StepLR: gamma_t = lr * gamma^floor((t - 1) / stepSize).
     *
     * @param lr the initial rate
     * @param stepSize steps between decays, at least 1
     * @param gamma the decay factor, in [0, 1]
     */
    public static Schedule step(double lr, long stepSize, double gamma) {
        Trees.nonNegative("step", "lr", lr);
        if (stepSize < 1) {
            throw new IllegalArgumentException("step: stepSize must be >= 1, was " + stepSize);
        }
        if (!(gamma >= 0 && gamma <= 1)) {
            throw new IllegalArgumentException("step: gamma must be in [0, 1], was " + gamma);
        }
        return t -> lr * Math.pow(gamma, (double) ((count(t) - 1) / stepSize));
    }

    /** gamma_t = lr / sqrt(t): sum gamma_t = infinity, the rate of the subgradient method and of Reddi et al.'s Adam. */
    public static Schedule inverseSqrt(double lr) {
        Trees.nonNegative("inverseSqrt", "lr", lr);
        return t -> lr / Math.sqrt(count(t));
    }

    /** gamma_t = lr / t: sum gamma_t = infinity, sum gamma_t^2 &lt; infinity (Robbins and Monro). */
    public static Schedule inverse(double lr) {
        Trees.nonNegative("inverse", "lr", lr);
        return t -> lr / count(t);
    }

    /**
     * torch.optim.Adagrad's lr_decay: gamma_t = lr / (1 + (t - 1) lrDecay).
     *
     * @param lr the initial rate
     * @param lrDecay the decay, &gt;= 0
     */
    public static Schedule inverseTime(double lr, double lrDecay) {
        Trees.nonNegative("inverseTime", "lr", lr);
        Trees.nonNegative("inverseTime", "lrDecay", lrDecay);
        return t -> lr / (1 + (count(t) - 1) * lrDecay);
    }

    /**
     * torch.optim.lr_scheduler.CosineAnnealingLR without restarts: gamma_t = etaMin + (lr - etaMin)
     * (1 + cos(pi (t - 1) / tMax)) / 2 for t - 1 &lt;= tMax, and etaMin afterwards.
     *
     * @param lr the initial rate
     * @param tMax the number of steps of the half cosine, at least 1
     * @param etaMin the final rate, in [0, lr]
     */
    public static Schedule cosine(double lr, long tMax, double etaMin) {
        Trees.nonNegative("cosine", "lr", lr);
        Trees.nonNegative("cosine", "etaMin", etaMin);
        if (tMax < 1) {
            throw new IllegalArgumentException("cosine: tMax must be >= 1, was " + tMax);
        }
        if (etaMin > lr) {
            throw new IllegalArgumentException("cosine: etaMin must be <= lr, was etaMin " + etaMin + " > lr " + lr);
        }
        return t -> {
            long e = count(t) - 1;
            return e >= tMax ? etaMin : etaMin + (lr - etaMin) * (1 + Math.cos(Math.PI * e / tMax)) / 2;
        };
    }

    private static long count(long t) {
        if (t < 1) {
            throw new IllegalArgumentException("schedule: step t must be >= 1, was " + t);
        }
        return t;
    }
}
