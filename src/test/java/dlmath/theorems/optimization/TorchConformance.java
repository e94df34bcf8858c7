package dlmath.theorems.optimization;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Gen;
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
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;

/**
 * OPT-19 Each optimizer's steps agree with torch.optim's documented pseudo-code (SGD with
 * momentum, dampening, Nesterov and weight decay; Adam and AMSGrad with L2 weight decay; AdamW;
 * Adagrad with lr_decay and initial_accumulator_value; RMSprop with momentum and centering), written
 * out independently as plain loops in {@link TorchReference}. References: PyTorch documentation,
 * torch.optim (the algorithm boxes of each class); Kingma and Ba (ICLR 2015) Algorithm 1; Reddi,
 * Kale, Kumar (ICLR 2018) Algorithm 2; Loshchilov and Hutter (ICLR 2019) Algorithm 2; Duchi,
 * Hazan, Singer (JMLR 2011); Tieleman and Hinton (2012, Lecture 6.5). Page:
 * theorems/optimization/OPT-19-torch-conformance.md.
 */
@Theorem(id = "OPT-19", name = "Optimizers follow torch.optim's update rules",
        statement = "For any gradients and parameters, each step of sgd, adam, amsgrad, adamW, adagrad and rmsprop "
                + "equals torch.optim's pseudo-code within a derived rounding bound")
@Tag("optimization")
class TorchConformance {

    /** One optimizer with its hyper-parameters: ours and the reference loop. */
    record Case(String description, Supplier<Optimizer> ours, Supplier<TorchReference> reference) {
        @Override
        public String toString() {
            return description;
        }
    }

    /** Entries: zeros, small integers, moderate values, and magnitudes from 1e-100 to 1e100 of both signs. */
    static final Gen<Double> ENTRY = Gens.oneOf(Gens.doubles(-10, 10),
            Gens.tuples(Gens.booleans(), ConvexProblems.logUniform(-100, 100)).map(t -> t.first() ? -t.second() : t.second()),
            Gens.constant(0.0));

    static final Gen<Double> BETA = Gens.oneOf(Gens.elements(0.9, 0.999, 0.0, 0.5), Gens.doubles(0, 0.9999));
    static final Gen<Double> LR = ConvexProblems.logUniform(-4, 1);
    static final Gen<Double> EPS = ConvexProblems.logUniform(-10, -2);
    static final Gen<Double> DECAY = Gens.oneOf(Gens.constant(0.0), ConvexProblems.logUniform(-4, 0));

    static final Gen<Case> SGD = Gens.tuples(Gens.tuples(LR, Gens.oneOf(Gens.constant(0.0), Gens.doubles(0, 0.99))),
            Gens.tuples(Gens.oneOf(Gens.constant(0.0), Gens.doubles(0, 1)), DECAY), Gens.booleans()).map(t -> {
                double lr = t.first().first();
                double mu = t.first().second();
                double tau = t.second().first();
                double wd = t.second().second();
                boolean nesterov = t.third() && mu > 0 && tau == 0;
                return new Case("sgd(lr=" + lr + ", momentum=" + mu + ", dampening=" + tau + ", weight_decay=" + wd
                        + ", nesterov=" + nesterov + ")", () -> Optimizers.sgd(lr, mu, tau, wd, nesterov),
                        () -> new TorchReference.Sgd(lr, mu, tau, wd, nesterov));
            });

    static final Gen<Case> ADAM = Gens.tuples(Gens.tuples(LR, BETA, BETA), Gens.tuples(EPS, DECAY),
            Gens.tuples(Gens.booleans(), Gens.booleans())).map(t -> {
                double lr = t.first().first();
                double b1 = t.first().second();
                double b2 = t.first().third();
                double eps = t.second().first();
                double wd = t.second().second();
                boolean ams = t.third().first();
                boolean w = t.third().second();
                return new Case((w ? "adamW" : "adam") + "(lr=" + lr + ", betas=(" + b1 + ", " + b2 + "), eps=" + eps
                        + ", weight_decay=" + wd + ", amsgrad=" + ams + ")",
                        () -> w ? Optimizers.adamW(lr, b1, b2, eps, wd, ams) : Optimizers.adam(lr, b1, b2, eps, wd, ams),
                        () -> new TorchReference.Adam(lr, b1, b2, eps, wd, ams, w));
            });

    static final Gen<Case> ADAGRAD = Gens.tuples(Gens.tuples(LR, Gens.oneOf(Gens.constant(0.0), Gens.doubles(0, 1))),
            Gens.tuples(DECAY, Gens.oneOf(Gens.constant(0.0), Gens.doubles(0, 1))), EPS).map(t -> {
                double lr = t.first().first();
                double lrDecay = t.first().second();
                double wd = t.second().first();
                double init = t.second().second();
                double eps = t.third();
                return new Case("adagrad(lr=" + lr + ", lr_decay=" + lrDecay + ", weight_decay=" + wd
                        + ", initial_accumulator_value=" + init + ", eps=" + eps + ")",
                        () -> Optimizers.adagrad(lr, lrDecay, wd, init, eps),
                        () -> new TorchReference.Adagrad(lr, lrDecay, wd, init, eps));
            });

    static final Gen<Case> RMSPROP = Gens.tuples(Gens.tuples(LR, BETA, EPS),
            Gens.tuples(DECAY, Gens.oneOf(Gens.constant(0.0), Gens.doubles(0, 0.99))), Gens.booleans()).map(t -> {
                double lr = t.first().first();
                double alpha = t.first().second();
                double eps = t.first().third();
                double wd = t.second().first();
                double mu = t.second().second();
                boolean centered = t.third();
                return new Case("rmsprop(lr=" + lr + ", alpha=" + alpha + ", eps=" + eps + ", weight_decay=" + wd
                        + ", momentum=" + mu + ", centered=" + centered + ")",
                        () -> Optimizers.rmsprop(lr, alpha, eps, wd, mu, centered),
                        () -> new TorchReference.RmsProp(lr, alpha, eps, wd, mu, centered));
            });

    /** T steps of (g_t, theta_{t-1}) pairs in dimension n: the parameters are fed to both sides (teacher forcing). */
    static Gen<List<double[][]>> steps(int maxDim, int maxSteps) {
        return Gens.sizes(1, maxDim).flatMap(n -> Gens.lists(Gens.tuples(Gens.doubleArrays(ENTRY, n, n),
                Gens.doubleArrays(ENTRY, n, n)).map(p -> new double[][] {p.first(), p.second()}), 1, maxSteps));
    }

    static void agrees(Check check, Case c, List<double[][]> seq) {
        Optimizer ours = c.ours().get();
        TorchReference ref = c.reference().get();
        State s = null;
        for (int t = 1; t <= seq.size(); t++) {
            double[] g = seq.get(t - 1)[0];
            double[] theta = seq.get(t - 1)[1];
            Tensor[] p = Opt.params(theta);
            if (s == null) {
                s = ours.init(p);
            }
            Step step = ours.update(Opt.params(g), s, p);
            s = step.state();
            double[] mine = Opt.vec(step.updates());
            double[] expected = ref.update(theta, g);
            double[] tol = ref.tolerance();
            for (int i = 0; i < g.length; i++) {
                Claims.close("step " + t + ", entry " + i + ": ours = torch.optim's pseudo-code", mine[i], expected[i],
                        tol[i]);
            }
        }
    }

    @Property(tries = 150)
    void sgdFollowsTorch(Check check) {
        check.forAll(SGD.as("optimizer"), steps(6, 12).as("(g_t, theta_{t-1})"), (c, seq) -> agrees(check, c, seq));
    }

    @Property(tries = 200)
    void adamAmsgradAndAdamWFollowTorch(Check check) {
        check.forAll(ADAM.as("optimizer"), steps(6, 12).as("(g_t, theta_{t-1})"), (c, seq) -> {
            check.label(c.description().substring(0, c.description().indexOf('(')));
            agrees(check, c, seq);
        });
    }

    @Property(tries = 150)
    void adagradFollowsTorch(Check check) {
        check.forAll(ADAGRAD.as("optimizer"), steps(6, 12).as("(g_t, theta_{t-1})"), (c, seq) -> agrees(check, c, seq));
    }

    @Property(tries = 150)
    void rmspropFollowsTorch(Check check) {
        check.forAll(RMSPROP.as("optimizer"), steps(6, 12).as("(g_t, theta_{t-1})"), (c, seq) -> agrees(check, c, seq));
    }
}
