package dlmath.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Recursive generators: a uniform expression-tree generator finishes on every example (the
 * recursion budget steers to leaves), finds a division by a zero-valued subexpression and
 * shrinks it to the minimal tree; a generator that can never finish fails the health check by name.
 */
class RecursiveGenTest {

    sealed interface Expr permits Lit, Add, Div {
        int eval();

        int size();

        int depth();
    }

    record Lit(int v) implements Expr {
        public int eval() {
            return v;
        }

        public int size() {
            return 1;
        }

        public int depth() {
            return 1;
        }

        @Override
        public String toString() {
            return Integer.toString(v);
        }
    }

    record Add(Expr a, Expr b) implements Expr {
        public int eval() {
            return a.eval() + b.eval();
        }

        public int size() {
            return 1 + a.size() + b.size();
        }

        public int depth() {
            return 1 + Math.max(a.depth(), b.depth());
        }

        @Override
        public String toString() {
            return "(+ " + a + " " + b + ")";
        }
    }

    record Div(Expr a, Expr b) implements Expr {
        public int eval() {
            return a.eval() / b.eval(); // ArithmeticException on a zero divisor
        }

        public int size() {
            return 1 + a.size() + b.size();
        }

        public int depth() {
            return 1 + Math.max(a.depth(), b.depth());
        }

        @Override
        public String toString() {
            return "(/ " + a + " " + b + ")";
        }
    }

    /** Leaf, sum or quotient, each with probability 1/3: a supercritical tree, finite only thanks to the budget. */
    static final Gen<Expr> EXPR = Gens.lazy(() -> Gens.oneOf(
            Gens.integers(-10, 10).map(Lit::new),
            Gens.tuples(RecursiveGenTest.EXPR, RecursiveGenTest.EXPR).map(t -> new Add(t.first(), t.second())),
            Gens.tuples(RecursiveGenTest.EXPR, RecursiveGenTest.EXPR).map(t -> new Div(t.first(), t.second()))));

    /** Whether some quotient in {@code e} divides by a literal zero (the case the property excludes). */
    static boolean dividesByLiteralZero(Expr e) {
        if (e instanceof Add a) {
            return dividesByLiteralZero(a.a()) || dividesByLiteralZero(a.b());
        }
        if (e instanceof Div d) {
            return d.b() instanceof Lit l && l.v() == 0 || dividesByLiteralZero(d.a()) || dividesByLiteralZero(d.b());
        }
        return false;
    }

    @Test
    void aUniformExpressionTreeGeneratorProducesFiniteTreesOfManyShapes() {
        int[] deepest = {0};
        int[] leaves = {0};
        Check c = Check.standalone(Settings.defaults("trees").withTries(1000));
        c.forAll(EXPR, e -> {
            deepest[0] = Math.max(deepest[0], e.depth());
            leaves[0] += e instanceof Lit ? 1 : 0;
        });
        assertThat(c.passed()).as(c::describeLast).isTrue();
        assertThat(c.lastResult().rejected()).isZero();
        assertThat(deepest[0]).isBetween(5, 40);
        assertThat(leaves[0]).isBetween(100, 900); // about a third of the roots are leaves
    }

    @Test
    void divisionByAZeroSubexpressionShrinksToTheMinimalTree() {
        Check c = Check.standalone(Settings.defaults("calculator").withTries(1000));
        c.forAll(EXPR, e -> {
            c.assume(!dividesByLiteralZero(e));
            e.eval();
        });
        Result r = c.lastResult();
        assertThat(r.falsified()).as(c::describeLast).isTrue();
        assertThat(r.error()).isInstanceOf(ArithmeticException.class);
        assertThat(r.arg(0)).hasToString("(/ 0 (+ 0 0))");
    }

    /** A tree without a leaf: every alternative recurses. */
    static final Gen<Expr> NEVER = Gens.lazy(() -> Gens.oneOf(
            Gens.tuples(RecursiveGenTest.NEVER, RecursiveGenTest.NEVER).map(t -> new Add(t.first(), t.second())),
            Gens.tuples(RecursiveGenTest.NEVER, RecursiveGenTest.NEVER).map(t -> new Div(t.first(), t.second()))));

    @Test
    void aGeneratorThatCanNeverFinishFailsTheHealthCheckByName() {
        Check c = Check.standalone(Settings.defaults("never"));
        c.forAll(NEVER.as("tree"), e -> { });
        Result r = c.lastResult();
        assertThat(r.status()).isEqualTo(Result.Status.UNHEALTHY);
        assertThat(r.problem()).contains("the generator of 'tree' can never finish")
                .contains("nested deeper than " + Source.MAX_DEPTH).contains("put the non-recursive alternative first");
    }
}
