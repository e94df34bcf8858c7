package dlmath.theorems.tensors;

import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Counterexample;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.gen.TensorGens;
import dlmath.gen.TnGens;
import dlmath.tensor.Shapes;
import dlmath.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Tag;

/**
 * TN-11 Shape errors are reported: every operation given shapes outside its domain throws an
 * IllegalArgumentException whose message names the offending shapes (both of them for a
 * mismatch) or the axis and the rank. The domains: NumPy reference (broadcasting rules,
 * numpy.matmul, numpy.reshape, numpy.concatenate, axis arguments); DESIGN.md "Conventions".
 * Page: theorems/tensors/TN-11-shape-errors.md.
 */
@Theorem(id = "TN-11", name = "Shape errors are reported",
        statement = "add/sub/mul/.../where, matmul, broadcastTo, reshape, concat with incompatible shapes, and "
                + "sum/mean/max/.../permute/slice/squeeze/unsqueeze with an axis out of range, throw an "
                + "IllegalArgumentException naming both shapes, or the axis and the rank")
@Tag("tensors")
class ShapeErrors {

    /** An operation that must fail. */
    interface Call {
        Object run();
    }

    /** Asserts that {@code call} throws an IllegalArgumentException whose message contains every fragment. */
    static void rejects(Check check, String what, Call call, String... fragments) {
        Object result;
        try {
            result = call.run();
        } catch (IllegalArgumentException e) {
            String msg = String.valueOf(e.getMessage());
            check.note("message", msg);
            for (String f : fragments) {
                Claims.that(what + ": the message \"" + msg + "\" names " + f, msg.contains(f));
            }
            return;
        }
        throw new AssertionError(what + ": expected an IllegalArgumentException naming " + Arrays.toString(fragments)
                + ", but got a result:\n" + result);
    }

    static String s(int[] shape) {
        return Shapes.toString(shape);
    }

    record Op(String name, BinaryOperator<Tensor> f) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Op> BINARY = List.of(
            new Op("add", Tensor::add), new Op("sub", Tensor::sub), new Op("mul", Tensor::mul), new Op("div", Tensor::div),
            new Op("pow", Tensor::pow), new Op("maximum", Tensor::maximum), new Op("minimum", Tensor::minimum),
            new Op("gt", Tensor::gt), new Op("ge", Tensor::ge), new Op("lt", Tensor::lt), new Op("le", Tensor::le),
            new Op("eq", Tensor::eq), new Op("zipWith", (x, y) -> x.zipWith(y, Double::sum)),
            new Op("where(a, b, a)", (x, y) -> Tensor.where(x, y, x)),
            new Op("where(1, a, b)", (x, y) -> Tensor.where(Tensor.scalar(1), x, y)));

    /** Shapes that do not broadcast: some axis (from the end) has sides p != q, both >= 2. */
    static final Gen<int[][]> INCOMPATIBLE = TnGens.incompatiblePair(4, 4);

    @Property(tries = 300)
    void elementwiseMismatchNamesBothShapes(Check check) {
        check.forAll(Gens.elements(BINARY).as("op"), INCOMPATIBLE.as("(shape a, shape b)"), (op, sh) -> {
            check.label(op.name());
            check.cover(5, sh[0].length != sh[1].length, "different ranks");
            Claims.that("the generated shapes do not broadcast", Naive.broadcastRule(sh[0], sh[1]) == null);
            rejects(check, op.name() + " of " + s(sh[0]) + " and " + s(sh[1]),
                    () -> op.f().apply(Tensor.zeros(sh[0]), Tensor.zeros(sh[1])), s(sh[0]), s(sh[1]));
            rejects(check, "Shapes.broadcast", () -> Shapes.broadcast(sh[0], sh[1]), s(sh[0]), s(sh[1]));
        });
    }

    /**
     * broadcastTo goes one way: the source must broadcast to the target itself. It fails for an
     * incompatible side, for a target of lower rank, and for a side 1 in the target where the
     * source has a larger side.
     */
    @Property(tries = 200)
    void broadcastToNamesBothShapes(Check check) {
        Gen<int[][]> lowerRank = TensorGens.shapes(1, 4, 1, 4).flatMap(x ->
                Gens.integers(0, x.length - 1).map(k -> new int[][] {x, Arrays.copyOfRange(x, x.length - k, x.length)}));
        Gen<int[][]> sideOne = TensorGens.shapes(1, 4, 2, 4).flatMap(x ->
                Gens.integers(0, x.length - 1).map(k -> {
                    int[] t = x.clone();
                    t[k] = 1;
                    return new int[][] {x, t};
                }));
        check.forAll(Gens.oneOf(INCOMPATIBLE, lowerRank, sideOne).as("(source, target)"), st -> {
            check.label(st[1].length < st[0].length ? "target of lower rank"
                    : Naive.broadcastRule(st[0], st[1]) == null ? "incompatible side" : "side 1 in target");
            rejects(check, "broadcastTo " + s(st[0]) + " -> " + s(st[1]), () -> Tensor.zeros(st[0]).broadcastTo(st[1]),
                    s(st[0]), s(st[1]));
        });
    }

    /** matmul: inner dimensions differ (2-D, 1-D and stacked operands), or batch axes do not broadcast. */
    @Property(tries = 300)
    void matmulMismatchNamesBothShapes(Check check) {
        Gen<int[][]> inner = Gens.tuples(Gens.integers(0, 2), Gens.integers(0, 2)).flatMap(ranks ->
                Gens.listOfSize(Gens.integers(1, 4), 5).flatMap(d -> Gens.integers(1, 3).map(shift -> {
                    int m = d.get(1);
                    int k = m + shift;                      // k != m
                    int[] a = ranks.first() == 0 ? new int[] {m} : ranks.first() == 1 ? new int[] {d.get(0), m}
                            : new int[] {d.get(3), d.get(0), m};
                    int[] b = ranks.second() == 0 ? new int[] {k} : ranks.second() == 1 ? new int[] {k, d.get(2)}
                            : new int[] {d.get(4), k, d.get(2)};
                    return new int[][] {a, b};
                })));
        Gen<int[][]> batch = INCOMPATIBLE.flatMap(sh -> Gens.listOfSize(Gens.integers(1, 3), 3).map(d -> new int[][] {
                MatmulOracles.concat(sh[0], d.get(0), d.get(1)), MatmulOracles.concat(sh[1], d.get(1), d.get(2))}));
        check.forAll(Gens.oneOf(inner, batch).as("(shape a, shape b)"), sh -> {
            boolean innerMismatch = sh[0][sh[0].length - 1] != sh[1][Math.max(0, sh[1].length - 2)];
            check.label(innerMismatch ? "inner dimensions differ" : "batch axes do not broadcast");
            check.cover(20, !innerMismatch, "batch axes do not broadcast");
            check.cover(5, sh[0].length == 1 || sh[1].length == 1, "a 1-D operand");
            rejects(check, "matmul " + s(sh[0]) + " @ " + s(sh[1]), () -> Tensor.zeros(sh[0]).matmul(Tensor.zeros(sh[1])),
                    s(sh[0]), s(sh[1]));
        });
    }

    @Property(tries = 50)
    void matmulRejectsScalars(Check check) {
        check.forAll(TensorGens.shapes(0, 3, 1, 3).as("shape"), sh -> {
            rejects(check, "scalar @ x", () -> Tensor.scalar(1).matmul(Tensor.zeros(sh)), "[]", s(sh));
            rejects(check, "x @ scalar", () -> Tensor.zeros(sh).matmul(Tensor.scalar(1)), "[]", s(sh));
        });
    }

    /** reshape to a shape of another size (given, or with -1 not dividing the size), or with a bad side. */
    @Property(tries = 200)
    void reshapeMismatchNamesBothShapes(Check check) {
        Gen<int[][]> pairs = TensorGens.shapes(0, 3, 1, 4).flatMap(x -> TensorGens.shapes(1, 3, 1, 5).filter(t ->
                Naive.size(t) != Naive.size(x)).flatMap(t -> Gens.booleans().map(minus -> {
                    if (minus && Naive.size(x) % Naive.size(Arrays.copyOf(t, t.length - 1)) != 0) {
                        int[] u = t.clone();
                        u[u.length - 1] = -1;
                        return new int[][] {x, u};
                    }
                    return new int[][] {x, t};
                })));
        check.forAll(pairs.as("(shape, target)"), st -> {
            check.label(Arrays.stream(st[1]).anyMatch(v -> v == -1) ? "-1 cannot be inferred" : "sizes differ");
            rejects(check, "reshape " + s(st[0]) + " to " + s(st[1]), () -> Tensor.zeros(st[0]).reshape(st[1]),
                    s(st[0]), s(st[1]));
        });
        check.forAll(TensorGens.shapes(1, 3, 1, 4).as("shape"), Gens.integers(-5, 0).filter(v -> v != -1).as("bad side"),
                (x, bad) -> {
                    int[] t = {Naive.size(x), bad};
                    rejects(check, "reshape to a side " + bad, () -> Tensor.zeros(x).reshape(t), "side " + bad, s(t));
                });
    }

    /** concat: tensors differing outside the axis (or in rank) name both shapes; a bad axis names axis and rank. */
    @Property(tries = 200)
    void concatMismatchNamesBothShapes(Check check) {
        Gen<int[][]> sideDiffers = TensorGens.shapes(2, 3, 1, 4).flatMap(x -> Gens.tuples(Gens.integers(0, x.length - 1),
                Gens.integers(1, x.length - 1), Gens.integers(1, 3)).map(t -> {
                    int[] y = x.clone();
                    y[(t.first() + t.second()) % x.length] += t.third();   // an axis other than the concat axis
                    return new int[][] {x, y, {t.first()}};
                }));
        Gen<int[][]> rankDiffers = TensorGens.shapes(1, 3, 1, 4).flatMap(x -> Gens.tuples(Gens.integers(0, x.length - 1),
                Gens.integers(1, 3)).map(t -> new int[][] {x, MatmulOracles.concat(x, t.second()), {t.first()}}));
        Gen<int[][]> pairs = Gens.oneOf(sideDiffers, rankDiffers);
        check.forAll(pairs.as("(a, b, axis)"), st -> {
            check.label(st[0].length == st[1].length ? "a side differs outside the axis" : "ranks differ");
            check.cover(20, st[0].length == st[1].length, "a side differs outside the axis");
            rejects(check, "concat(" + st[2][0] + ", " + s(st[0]) + ", " + s(st[1]) + ")",
                    () -> Tensor.concat(st[2][0], Tensor.zeros(st[0]), Tensor.zeros(st[1])), s(st[0]), s(st[1]));
        });
    }

    /** A shape and an axis out of range for its rank: in [-rank - 3, -rank - 1] or [rank, rank + 2]. */
    record BadAxis(int[] shape, int axis) {
        int rank() {
            return shape.length;
        }

        @Override
        public String toString() {
            return "shape " + s(shape) + ", axis " + axis;
        }
    }

    static Gen<BadAxis> badAxes(int minRank) {
        return TensorGens.shapes(minRank, 4, 1, 3).flatMap(x -> Gens.tuples(Gens.booleans(), Gens.integers(0, 2)).map(t ->
                new BadAxis(x, t.first() ? -x.length - 1 - t.second() : x.length + t.second())));
    }

    record Reduction(String name, java.util.function.BiFunction<Tensor, Integer, Object> f) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Reduction> AXIS_OPS = List.of(
            new Reduction("sum", Tensor::sum), new Reduction("mean", Tensor::mean), new Reduction("max", Tensor::max),
            new Reduction("min", Tensor::min), new Reduction("prod", Tensor::prod), new Reduction("logsumexp", Tensor::logsumexp),
            new Reduction("argmax", Tensor::argmax),
            new Reduction("sum(axes, keepdims)", (x, a) -> x.sum(new int[] {a}, true)),
            new Reduction("squeeze", Tensor::squeeze), new Reduction("dim", Tensor::dim),
            new Reduction("slice", (x, a) -> x.slice(a, 0, 1)),
            new Reduction("concat", (x, a) -> Tensor.concat(a, x, x)));

    @Property(tries = 300)
    void axisOutOfRangeNamesAxisAndRank(Check check) {
        check.forAll(Gens.elements(AXIS_OPS).as("op"), badAxes(0).as("input"), (op, in) -> {
            check.label(op.name());
            check.cover(20, in.axis() < 0, "negative axis");
            rejects(check, op.name() + " over axis " + in.axis() + " of " + s(in.shape()),
                    () -> op.f().apply(Tensor.zeros(in.shape()), in.axis()), "axis " + in.axis(), "rank " + in.rank());
        });
    }

    /** unsqueeze inserts a new axis: the valid positions are [-(rank+1), rank], so the rank named is rank + 1. */
    @Property(tries = 100)
    void unsqueezeAxisOutOfRange(Check check) {
        check.forAll(badAxes(0).as("input"), in -> {
            int axis = in.axis() < 0 ? in.axis() - 1 : in.axis() + 1;
            rejects(check, "unsqueeze(" + axis + ")", () -> Tensor.zeros(in.shape()).unsqueeze(axis),
                    "axis " + axis, "rank " + (in.rank() + 1));
        });
    }

    /** A repeated axis in a multi-axis reduction names the axis, or the axes and the shape for permute. */
    @Property(tries = 150)
    void repeatedAxesAreReported(Check check) {
        check.forAll(TensorGens.shapes(2, 4, 1, 3).flatMap(x -> Gens.tuples(Gens.integers(0, x.length - 1),
                Gens.integers(1, x.length - 1)).map(t -> new BadAxis(x, t.first() * 10 + t.second()))).as("input"), in -> {
                    int[] x = in.shape();
                    int r = x.length;
                    int a = in.axis() / 10;
                    int[] axes = {a, a - r};               // the same axis twice, once counted from the end
                    rejects(check, "sum over " + Arrays.toString(axes), () -> Tensor.zeros(x).sum(axes, false),
                            "axis " + (a - r), "rank " + r);
                    int[] perm = new int[r];
                    for (int d = 0; d < r; d++) {
                        perm[d] = d;
                    }
                    perm[(a + in.axis() % 10) % r] = a;   // a repeats, another axis is missing
                    rejects(check, "permute " + Arrays.toString(perm), () -> Tensor.zeros(x).permute(perm),
                            Arrays.toString(perm), s(x));
                });
    }

    /** permute: an axis out of range names the axis and the rank; a wrong number of axes names the shape. */
    @Property(tries = 150)
    void permuteAxisOutOfRange(Check check) {
        check.forAll(badAxes(1).as("input"), in -> {
            int r = in.rank();
            int[] perm = new int[r];
            for (int d = 0; d < r; d++) {
                perm[d] = d;
            }
            perm[r - 1] = in.axis();
            rejects(check, "permute " + Arrays.toString(perm), () -> Tensor.zeros(in.shape()).permute(perm),
                    "axis " + in.axis(), "rank " + r);
            int[] tooMany = MatmulOracles.concat(perm, r);
            rejects(check, "permute with " + (r + 1) + " axes", () -> Tensor.zeros(in.shape()).permute(tooMany),
                    s(in.shape()), Arrays.toString(tooMany));
        });
    }

    /** slice: an empty or out-of-bounds range names the range, the side and the shape; squeeze of a side != 1 too. */
    @Property(tries = 150)
    void sliceAndSqueezeRangesAreReported(Check check) {
        Gen<int[][]> cases = TensorGens.shapes(1, 4, 2, 4).flatMap(x -> Gens.tuples(Gens.integers(0, x.length - 1),
                Gens.integers(0, 5), Gens.integers(0, 5)).map(t -> new int[][] {x, {t.first(), t.second(), t.third()}}));
        check.forAll(cases.as("(shape, (axis, start, end))"), c -> {
                    int[] x = c[0];
                    int axis = c[1][0];
                    int start = c[1][1];
                    int end = c[1][2];
                    boolean valid = start < end && end <= x[axis];
                    check.label(valid ? "valid range" : "bad range");
                    if (valid) {
                        Claims.that("a valid slice has side end - start",
                                Tensor.zeros(x).slice(axis, start, end).dim(axis) == end - start);
                    } else {
                        rejects(check, "slice(" + axis + ", " + start + ", " + end + ") of " + s(x),
                                () -> Tensor.zeros(x).slice(axis, start, end), "[" + start + ", " + end + ")",
                                "side " + x[axis], s(x));
                    }
                    rejects(check, "squeeze(" + axis + ") of " + s(x), () -> Tensor.zeros(x).squeeze(axis),
                            "axis " + axis, s(x), "side " + x[axis]);
                });
    }

    /** Rank and shape requirements of the matrix and vector operations name the shapes. */
    @Property(tries = 150)
    void matrixAndVectorOperationsNameTheShapes(Check check) {
        check.forAll(INCOMPATIBLE.as("(shape a, shape b)"), sh -> {
            Tensor a = Tensor.zeros(sh[0]);
            Tensor b = Tensor.zeros(sh[1]);
            if (!(sh[0].length == 1 && sh[1].length == 1 && sh[0][0] == sh[1][0])) {
                rejects(check, "dot", () -> a.dot(b), s(sh[0]), s(sh[1]));
            }
            if (sh[0].length != 1 || sh[1].length != 1) {
                rejects(check, "outer", () -> a.outer(b), s(sh[0]), s(sh[1]));
            }
            if (sh[0].length != 2 || sh[1].length != 2) {
                rejects(check, "kron", () -> a.kron(b), s(sh[0]), s(sh[1]));
            }
            if (sh[0].length != 2 || sh[0][0] != sh[0][1]) {
                rejects(check, "trace", a::trace, s(sh[0]));
            }
            if (sh[0].length != 2) {
                rejects(check, "opNorm1", a::opNorm1, s(sh[0]));
                rejects(check, "opNormInf", a::opNormInf, s(sh[0]));
            }
            rejects(check, "allClose", () -> a.allClose(b, 0, 0), s(sh[0]), s(sh[1]));
            rejects(check, "maxAbsDiff", () -> a.maxAbsDiff(b), s(sh[0]), s(sh[1]));
        });
    }

    /** The rule is the broadcast rule, not equality of shapes: distinct shapes are not always rejected. */
    @Counterexample
    void distinctShapesAreNotAlwaysRejected(Check check) {
        check.forAll(TensorGens.shapes(0, 3, 1, 3).as("a"), TensorGens.shapes(0, 3, 1, 3).as("b"), (a, b) -> {
            check.assume(!Arrays.equals(a, b));
            rejects(check, "add " + s(a) + " and " + s(b), () -> Tensor.zeros(a).add(Tensor.zeros(b)), s(a), s(b));
        });
    }
}
