package dlmath.autodiff;

/** Test-side access to the tape: the operands a node was computed from (for running error analysis). */
public final class Tape {

    private Tape() {
    }

    /** The inputs of the primitive application that computed {@code v} (empty for a leaf). */
    public static Var[] operands(Var v) {
        return v.inputs().clone();
    }
}
