package dlmath.gen;

/**
 * Cover requirements derived from the generator's construction (issue 10). A {@code check.cover(c, ...)}
 * fails a property when fewer than c% of its N random tries (hill-climbing tries do not count) land in the
 * labelled case. If every random try lands there with probability at least p (independently, the tries
 * are drawn from fresh random streams), the hits X dominate a sum of independent Bernoulli(p_i) with mean
 * p_bar >= p, and the Chernoff bound P(X < cN) <= exp(-N KL(c || p)) (c < p; the moment generating
 * function of a sum of Bernoullis is at most that of Binomial(N, p_bar) by the AM-GM inequality) gives the
 * false-alarm probability. {@link #percent} returns the largest c (a multiple of 0.05%) with
 * N KL(c || p) >= ln(1e9), so a false alarm has probability at most 1e-9 per check. Raising the tries
 * ({@code -Ddlmath.tries=10}) multiplies N and only lowers that probability: the c derived for the
 * smallest N at tries x1 holds at every larger scale.
 *
 * <p>N is the number of random tries at tries x1: the property's {@code tries} if its body never calls
 * {@code check.target}; half of them (the first half of the budget) if it does, since hill climbing may
 * take the second half.
 *
 * <p>Lower bounds on p come from how the engine draws (src/test/java/dlmath/check):
 * <ul>
 * <li>(F) {@code Gens.frequency}, {@code oneOf}, {@code elements}: an alternative of weight w out of W is
 * taken with probability exactly w/W (a uniform draw with no edge bias; only a recursive generator past
 * its budget steers to the first alternative, and none is used here).</li>
 * <li>(C) {@code Gens.integers(a, b)}, {@code booleans}, {@code sizes}: a fresh choice in [0, top] is an
 * edge choice with probability eb = edgeBias in [0.05, 0.5], otherwise uniform (for top <= 16; for
 * top > 16 two thirds of the rest are uniform). So each value has probability at least 1/(2 (top + 1))
 * (top <= 16) or 1/(3 (top + 1)) (top > 16), and {@code booleans} gives true with probability at least
 * 1/2 and false at least 0.45 (3 of the 5 edges are 1). {@code integers} maps choices one-to-one onto
 * [a, b], top = b - a.</li>
 * <li>(S) {@code Gens.sizes(min, max)} draws with top = cap = ceil((max - min) s), s = min(1, 0.05 + 1.2 i / T)
 * on the i-th of T tries: min and min + 1 have probability at least 1/(2 (cap + 1)) >= 1/(2 (max - min + 1))
 * on every try; a value min + j needs cap >= j, i.e. i / T >= (j / (max - min) - 0.05) / 1.2, and is then at
 * least as likely as 1/(2 (max - min + 1)). A case possible only from try x T on has p_bar >= (1 - x) q over
 * N = T tries (half of that fraction of the first T/2 if the property hill-climbs).</li>
 * <li>(D) {@code Gens.doubles(min, max)}: a fresh value is, with probability (1 - eb) * 0.5 >= 1/4, uniform
 * on [min, max] (then clamped; +-0.0 identified); with (1 - eb) * 0.15 >= 0.075 an integer uniform on
 * [max(min, -100), min(max, 100)] rounded; with (1 - eb) * 0.25 >= 1/8 a magnitude e^U, U uniform on
 * (-690, 690), with a random sign, clamped to [min, max].</li>
 * </ul>
 */
public final class Coverage {

    /** ln(1e9): the exponent a check needs for a false-alarm probability of at most 1e-9. */
    public static final double LOG_ONE_IN_A_BILLION = Math.log(1e9);

    private Coverage() {
    }

    /** Kullback-Leibler divergence of Bernoulli(c) from Bernoulli(p), c < p. */
    static double kl(double c, double p) {
        double a = c == 0 ? 0 : c * Math.log(c / p);
        return a + (1 - c) * Math.log((1 - c) / (1 - p));
    }

    /**
     * The largest cover percentage (a multiple of 0.05) whose false-alarm probability is at most 1e-9 when
     * each of {@code n} random tries lands in the case with probability at least {@code p}.
     *
     * @throws IllegalArgumentException when no positive percentage reaches 1e-9 (too few tries for p)
     */
    public static double percent(double p, int n) {
        if (!(p > 0 && p <= 1) || n < 1) {
            throw new IllegalArgumentException("Coverage.percent: need p in (0, 1] and n >= 1, was p = " + p + ", n = " + n);
        }
        for (long k = (long) Math.ceil(2000 * p) - 1; k >= 1; k--) {
            double c = k / 2000.0;
            if (c < p && n * kl(c, p) >= LOG_ONE_IN_A_BILLION) {
                return k * 0.05;
            }
        }
        throw new IllegalArgumentException(String.format("Coverage.percent: a case of per-try probability %.4g cannot be"
                + " covered over %d random tries with a false-alarm probability of 1e-9 (needs n (-ln(1 - p)) >= %.1f)",
                p, n, LOG_ONE_IN_A_BILLION));
    }
}
