package dlmath.theorems.tensors;

import static dlmath.gen.TensorAssert.assertThat;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.check.Tol;
import dlmath.gen.Coverage;
import dlmath.gen.TensorGens;
import dlmath.tensor.Tensor;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;

/**
 * TN-17 Factories and ranges: arange is the arithmetic progression of all terms before stop,
 * the constant factories and eye build what they name, of() lays rows out in row-major order,
 * tensors are immutable, equality is entrywise, and randn / rand are reproducible from the seed.
 * NumPy reference, numpy.arange (length ceil((stop - start) / step)); rounding: Higham, Accuracy and
 * Stability of Numerical Algorithms, 2nd ed., Sec. 2.2 (the model fl(x op y) = (x op y)(1 + d)).
 * Page: theorems/tensors/TN-17-factories-and-ranges.md.
 */
@Theorem(id = "TN-17", name = "Factories and ranges",
        statement = "arange(start, stop, step)[i] = start + i step for exactly the i with start + i step before stop "
                + "(up to rounding); arange(n) = (0, ..., n-1); zeros, ones, full, eye and of build the tensors they name; "
                + "tensors are immutable; randn and rand are reproducible from the seed")
@Tag("tensors")
class FactoriesAndRanges {

    static final double U = Tol.U;

    /** An arange call: start, stop, step with a non-empty range. */
    record Range(double start, double stop, double step) {
        @Override
        public String toString() {
            return "arange(" + start + ", " + stop + ", " + step + ")";
        }
    }

    /** Integer ranges: start and stop in [-20, 20], step in [-5, 5] \ {0}, pointing from start toward stop. */
    static final Gen<Range> INTEGER_RANGES = Gens.tuples(Gens.integers(-20, 20), Gens.integers(1, 20), Gens.integers(1, 5))
            .flatMap(t -> Gens.booleans().map(down -> down
                    ? new Range(t.first(), t.first() - t.second(), -t.third())
                    : new Range(t.first(), t.first() + t.second(), t.third())));

    /** The number of i >= 0 with start + i step before stop, counted one by one (exact for integers). */
    static int countBefore(Range r) {
        int n = 0;
        while (r.step() > 0 ? r.start() + n * r.step() < r.stop() : r.start() + n * r.step() > r.stop()) {
            n++;
        }
        return n;
    }

    @Property(tries = 200)
    void integerRangesAreExact(Check check) {
        check.forAll(INTEGER_RANGES.as("range"), r -> {
            check.label(r.step() > 0 ? "counting up" : "counting down");
            // derived (Coverage; N = 200, no target): counting down is Gens.booleans() = true, probability >= 1/2
            // (rule C): p >= 0.5 -> 27.6%, e^-20.8.
            check.cover(Coverage.percent(0.5, 200), r.step() < 0, "counting down");
            Tensor t = Tensor.arange(r.start(), r.stop(), r.step());
            int n = countBefore(r);
            assertThat(t).hasShape(n);
            for (int i = 0; i < n; i++) {
                Claims.that("arange[" + i + "] = start + i step = " + (r.start() + i * r.step()) + ", was " + t.get(i),
                        t.get(i) == r.start() + i * r.step());
            }
        });
    }

    /**
     * Doubles: start, stop in [-100, 100], |step| in [0.5, 10]. Against exact (BigDecimal) arithmetic:
     * entry i is within 2u(|start| + i|step|) (1 + u) of start + i step (one product, one sum); the
     * length N = ceil(fl(fl(stop - start) / step)) where the quotient q is off by at most gamma_2 |q|,
     * so N - 1 < q (1 + gamma_2) and N >= q (1 - gamma_2): the last term is before stop and the next
     * one is not, up to gamma_2 |stop - start|.
     */
    @Property(tries = 100)
    void doubleRangesAreProgressionsBeforeStop(Check check) {
        Gen<Range> ranges = Gens.tuples(Gens.doubles(-100, 100), Gens.doubles(-100, 100), Gens.doubles(0.5, 10))
                .filter(t -> !t.first().equals(t.second()))
                .map(t -> new Range(t.first(), t.second(), t.first() < t.second() ? t.third() : -t.third()));
        check.forAll(ranges.as("range"), r -> {
            Tensor t = Tensor.arange(r.start(), r.stop(), r.step());
            int n = t.size();
            MathContext mc = MathContext.DECIMAL128;
            BigDecimal start = new BigDecimal(r.start());
            BigDecimal step = new BigDecimal(r.step());
            for (int i = 0; i < n; i++) {
                BigDecimal exact = start.add(step.multiply(BigDecimal.valueOf(i)));
                double err = new BigDecimal(t.get(i)).subtract(exact).abs().doubleValue();
                double tol = 2 * U * (Math.abs(r.start()) + i * Math.abs(r.step())) * (1 + Naive.gamma(4));
                Claims.atMost("|arange[" + i + "] - (start + i step)|", err, tol);
            }
            double q = new BigDecimal(r.stop()).subtract(start).divide(step, mc).doubleValue();
            double slack = Naive.gamma(2) * Math.abs(q) * (1 + Naive.gamma(4)) + 1e-30;
            Claims.that("N - 1 < q (1 + gamma_2): N = " + n + ", q = " + q, n - 1 < q + slack);
            Claims.that("N >= q (1 - gamma_2): N = " + n + ", q = " + q, n >= q - slack);
        });
    }

    @Property(tries = 100)
    void arangeOfNCountsFromZero(Check check) {
        check.forAll(Gens.integers(1, 50).as("n"), n -> {
            Tensor t = Tensor.arange(n);
            assertThat(t).isExactly(Tensor.arange(0, n, 1)).hasShape(n);
            for (int i = 0; i < n; i++) {
                Claims.that("arange(n)[i] = i", t.get(i) == i);
            }
        });
    }

    /** zeros, ones, full(v), eye(n), scalar(v) and of(rows) hold the entries their names promise. */
    @Property(tries = 150)
    void constantFactoriesAndEye(Check check) {
        check.forAll(TensorGens.shapes(0, 3, 1, 4).as("shape"), TensorGens.values().as("v"), Gens.integers(1, 5).as("n"),
                (shape, v, n) -> {
                    Tensor z = Tensor.zeros(shape);
                    Tensor o = Tensor.ones(shape);
                    Tensor f = Tensor.full(v, shape);
                    for (Tensor t : new Tensor[] {z, o, f}) {
                        assertThat(t).hasShape(shape);
                        Claims.that("rank = number of sides", t.rank() == shape.length);
                        Claims.that("size = product of sides", t.size() == Naive.size(shape));
                    }
                    for (int[] i : Naive.indices(shape)) {
                        Claims.that("zeros = 0, ones = 1, full = v at " + Arrays.toString(i),
                                z.get(i) == 0 && o.get(i) == 1 && Double.compare(f.get(i), v) == 0);
                    }
                    Tensor e = Tensor.eye(n);
                    assertThat(e).hasShape(n, n);
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            Claims.that("eye[i, j] = [i == j]", e.get(i, j) == (i == j ? 1 : 0));
                        }
                    }
                    Tensor s = Tensor.scalar(v);
                    Claims.that("scalar(v) has rank 0 and item v", s.isScalar() && s.rank() == 0 && s.item() == v);
                    Claims.that("a tensor of rank >= 1 is not a scalar", !Tensor.of(v).isScalar());
                    Claims.that("a one-element tensor of any shape has item v",
                            Tensor.full(v, 1, 1).item() == v && Tensor.full(v, 1, 1).reshape().isScalar());
                });
    }

    /**
     * of(rows) is row-major: of(rows) = of([r, c], rows concatenated), toArray2D gives the rows back,
     * dim(-1) is the number of columns. Tensors are immutable: changing the arrays given to or taken
     * from a tensor does not change it.
     */
    @Property(tries = 150)
    void rowsAreRowMajorAndTensorsAreImmutable(Check check) {
        check.forAll(TensorGens.matrices(1, 4, 1, 4).as("A"), a -> {
            double[][] rows = a.toArray2D();
            int r = rows.length;
            int c = rows[0].length;
            double[] flat = new double[r * c];
            for (int i = 0; i < r; i++) {
                System.arraycopy(rows[i], 0, flat, i * c, c);
            }
            assertThat(Tensor.of(rows)).isExactly(Tensor.of(new int[] {r, c}, flat)).isExactly(a);
            Claims.that("dim(-1) = columns, dim(0) = rows", a.dim(-1) == c && a.dim(0) == r);
            Tensor t = Tensor.of(rows);
            rows[0][0] += 1;
            flat[0] += 1;
            int[] shape = t.shape();
            shape[0] += 1;
            t.toArray()[0] += 1;
            t.toArray2D()[0][0] += 1;
            Claims.that("changing arrays given to or taken from a tensor leaves it unchanged", t.equals(a));
            Tensor v = Tensor.of(flat);
            double before = flat[0];
            flat[0] = before + 1;
            Claims.that("of(values) copies", v.get(0) == before);
        });
    }

    /**
     * equals is entrywise (Double.compare: NaN equals NaN, 0.0 differs from -0.0) and needs equal
     * shapes; equal tensors have equal hash codes.
     */
    @Property(tries = 150)
    void equalityIsEntrywise(Check check) {
        check.forAll(TensorGens.tensors(TensorGens.shapes(1, 3, 1, 3)).as("x"), Gens.integers(0, 100).as("k"), (x, k) -> {
            Tensor copy = Tensor.of(x.shape(), x.toArray());
            Claims.that("x equals its copy, with the same hash code", x.equals(copy) && x.hashCode() == copy.hashCode());
            double[] d = x.toArray();
            int i = k % d.length;
            d[i] = d[i] + 1;
            Claims.that("changing one entry makes it unequal", !x.equals(Tensor.of(x.shape(), d)));
            Claims.that("another shape makes it unequal", !x.equals(x.reshape(1, x.size()).reshape(x.size(), 1))
                    || x.rank() == 2 && x.dim(1) == 1);
            Claims.that("not equal to a non-tensor", !x.equals(Arrays.toString(x.toArray())));
            Claims.that("NaN equals NaN, 0.0 differs from -0.0",
                    Tensor.of(Double.NaN).equals(Tensor.of(Double.NaN)) && !Tensor.of(0.0).equals(Tensor.of(-0.0)));
        });
    }

    /**
     * randn and rand draw nextGaussian / nextDouble in row-major order: the same seed gives the same
     * tensor, equal to the generator's own stream; the shape does not change the stream; rand is in [0, 1).
     */
    @Property(tries = 100)
    void randomFactoriesAreReproducible(Check check) {
        check.forAll(Gens.longs(0, Long.MAX_VALUE).as("seed"), TensorGens.shapes(1, 3, 1, 4).as("shape"), (seed, shape) -> {
            Tensor g = Tensor.randn(new SplittableRandom(seed), shape);
            Tensor u = Tensor.rand(new SplittableRandom(seed), shape);
            assertThat(g).hasShape(shape).isExactly(Tensor.randn(new SplittableRandom(seed), shape));
            assertThat(u).hasShape(shape);
            SplittableRandom ref = new SplittableRandom(seed);
            SplittableRandom ref2 = new SplittableRandom(seed);
            double[] gs = g.toArray();
            double[] us = u.toArray();
            for (int i = 0; i < gs.length; i++) {
                Claims.that("randn is the nextGaussian stream", gs[i] == ref.nextGaussian());
                Claims.that("rand is the nextDouble stream", us[i] == ref2.nextDouble());
                Claims.that("rand is in [0, 1)", us[i] >= 0 && us[i] < 1);
            }
            assertThat(Tensor.randn(new SplittableRandom(seed), Naive.size(shape))).isExactly(g.flatten());
        });
    }

    /** stop is excluded: the length is not floor((stop - start) / step) + 1 when the range is a multiple of step. */
    @Counterexample
    void stopIsExcluded(Check check) {
        check.forAll(INTEGER_RANGES.as("range"), r -> {
            int naive = (int) Math.floor((r.stop() - r.start()) / r.step()) + 1;
            Claims.that("length of " + r + " = floor((stop - start) / step) + 1 = " + naive,
                    Tensor.arange(r.start(), r.stop(), r.step()).size() == naive);
        });
    }
}
