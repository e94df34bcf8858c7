package dlmath.nn;

/** Training or evaluation, PyTorch's {@code module.train()} and {@code module.eval()}. */
public enum Mode {
    /** Batch statistics for batch normalization (running statistics updated), dropout active. */
    TRAIN,
    /** Running statistics for batch normalization, dropout the identity. */
    EVAL
}
