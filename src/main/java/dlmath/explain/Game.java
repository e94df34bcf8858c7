package dlmath.explain;

/**
 * A cooperative game on players 0..n-1: the worth v(S) of each coalition S, given as a bit mask
 * (bit i set when player i is in S). For attribution the players are the input features.
 */
@FunctionalInterface
public interface Game {

    /**
     * The worth of a coalition.
     *
     * @param coalition the bit mask of the coalition, 0 (empty) to 2^n - 1 (all players)
     * @return v(S), finite
     */
    double value(int coalition);
}
