package dlmath.prob;

/**
 * A probability distribution. Entropies are in nats (natural logarithms), as in PyTorch's
 * {@code torch.distributions}; differential entropy for densities, Shannon entropy for masses.
 */
public interface Distribution {

    /**
     * The entropy in nats.
     *
     * @return -E[log p(X)]
     */
    double entropy();
}
