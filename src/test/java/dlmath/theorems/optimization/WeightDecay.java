package dlmath.theorems.optimization;

import static dlmath.check.Tol.gamma;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.gen.ConvexProblems;
import dlmath.optim.Optimizer;
import dlmath.optim.Optimizers;
import dlmath.optim.State;
import dlmath.optim.Step;
import dlmath.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Tag;

/**
 * OPT-13 Weight decay: for SGD (no momentum) the L2 penalty lambda/2 ||theta||^2 and decoupled
 * weight decay theta &lt;- (1 - lr lambda) theta - lr g are the same rule; for Adam they differ, and
 * AdamW is the decoupled rule of PyTorch (decay of theta_{t-1} by lr lambda, independent of the
 * moments). Loshchilov and Hutter, Decoupled Weight Decay Regularization, ICLR 2019, Prop. 1 (SGD)
 * and Prop. 2 (adaptive methods), Algorithm 2; torch.optim.AdamW's documentation. Page:
 * theorems/optimization/OPT-13-weight-decay.md.
 */
@Theorem(id = "OPT-13", name = "L2 penalty and decoupled weight decay",
        statement = "For SGD, the L2 penalty and decoupled weight decay give the same step; for Adam they differ, "
                + "and AdamW is PyTorch's decoupled rule theta - lr lambda theta - lr m^/(sqrt(v^)+eps)")
@Tag("optimization")
class WeightDecay {

    /**
     * Teacher-forced steps (g_t, theta_{t-1}): Optimizers.sgd(lr, 0, 0, lambda, false), which adds
     * lambda theta to the gradient, against a plain loop of decoupled decay -lr lambda theta - lr g.
     * The two differ only by rounding: each is within gamma_3 lr (|g| + lambda |theta|) of the exact
     * step (plus the underflow allowance of TorchReference).
     */
    @Property(tries = 150)
    void sgdWithL2EqualsDecoupledDecay(Check check) {
        check.forAll(Gens.tuples(TorchConformance.LR, ConvexProblems.logUniform(-4, 0)).as("(lr, lambda)"),
                TorchConformance.steps(6, 10).as("(g_t, theta_{t-1})"), (h, seq) -> {
                    double lr = h.first();
                    double lambda = h.second();
                    Optimizer sgd = Optimizers.sgd(lr, 0, 0, lambda, false);
                    State s = null;
                    for (int t = 1; t <= seq.size(); t++) {
                        double[] g = seq.get(t - 1)[0];
                        double[] theta = seq.get(t - 1)[1];
                        Tensor[] p = Opt.params(theta);
                        s = s == null ? sgd.init(p) : s;
                        Step step = sgd.update(Opt.params(g), s, p);
                        s = step.state();
                        double[] d = Opt.vec(step.updates());
                        for (int i = 0; i < g.length; i++) {
                            double decoupled = -lr * lambda * theta[i] - lr * g[i];
                            Claims.close("step " + t + ": L2 step -lr (g + lambda theta) = decoupled -lr lambda theta - lr g",
                                    d[i], decoupled, 2 * gamma(4) * lr * (Math.abs(g[i]) + lambda * Math.abs(theta[i]))
                                            + 40 * Double.MIN_VALUE * (1 + lr) * (1 + lambda));
                        }
                    }
                });
    }

    /** AdamW with lambda &gt; 0 against the plain loop of torch.optim.AdamW's pseudo-code (TorchReference). */
    @Property(tries = 150)
    void adamWIsPyTorchsDecoupledRule(Check check) {
        check.forAll(Gens.tuples(TorchConformance.LR, TorchConformance.BETA, TorchConformance.BETA).as("(lr, beta1, beta2)"),
                Gens.tuples(ConvexProblems.logUniform(-4, 0), Gens.booleans()).as("(lambda, amsgrad)"),
                TorchConformance.steps(6, 10).as("(g_t, theta_{t-1})"), (h, w, seq) -> {
                    double lr = h.first();
                    TorchConformance.agrees(check, new TorchConformance.Case("adamW", () ->
                            Optimizers.adamW(lr, h.second(), h.third(), 1e-8, w.first(), w.second()), () ->
                            new TorchReference.Adam(lr, h.second(), h.third(), 1e-8, w.first(), w.second(), true)), seq);
                });
    }

    /**
     * Drop "the rule is SGD": for Adam, the L2 penalty (torch.optim.Adam's weight_decay, added to
     * the gradient before the moments) is not decoupled decay (AdamW): the engine finds gradients
     * where the two steps differ.
     */
    @Counterexample
    void adamWithL2IsNotAdamW(Check check) {
        check.forAll(ConvexProblems.logUniform(-4, 0).as("lambda"), TorchConformance.steps(3, 4).as("(g_t, theta_{t-1})"),
                (lambda, seq) -> {
                    List<double[][]> s = seq;
                    TorchConformance.agrees(check, new TorchConformance.Case("adam with L2 vs AdamW's pseudo-code",
                            () -> Optimizers.adam(1e-3, 0.9, 0.999, 1e-8, lambda, false),
                            () -> new TorchReference.Adam(1e-3, 0.9, 0.999, 1e-8, lambda, false, true)), s);
                });
    }
}
