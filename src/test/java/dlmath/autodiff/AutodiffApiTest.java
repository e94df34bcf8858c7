package dlmath.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlmath.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The API boundary of dlmath.autodiff: bad input gets an IllegalArgumentException that names the problem. */
class AutodiffApiTest {

    @Test
    void backwardOnANonScalarWithoutSeedIsRejectedNamingTheShape() {
        Graph g = new Graph();
        Var x = g.variable(Tensor.ones(2, 3));
        Var y = x.exp();
        assertThatThrownBy(() -> Autodiff.grad(y, x))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 3]").hasMessageContaining("seed");
    }

    @Test
    void aSeedOfTheWrongShapeIsRejectedNamingBothShapes() {
        Graph g = new Graph();
        Var x = g.variable(Tensor.ones(2, 3));
        Var y = x.exp();
        assertThatThrownBy(() -> Autodiff.grad(y, Tensor.ones(3), false, x))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seed shape [3]").hasMessageContaining("output shape [2, 3]");
    }

    @Test
    void aSingleEntryOutputNeedsNoSeed() {
        Graph g = new Graph();
        Var x = g.variable(Tensor.of(2.0));
        assertThat(Autodiff.grad(x.mul(x), x)[0].value()).isEqualTo(Tensor.of(4.0));
    }

    @Test
    void nodesOfAnotherGraphAreRejected() {
        Var x = new Graph().variable(Tensor.of(1.0));
        Var y = new Graph().variable(Tensor.of(1.0));
        assertThatThrownBy(() -> x.add(y)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another graph");
        assertThatThrownBy(() -> Autodiff.grad(x.sum(), y)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("wrt[0]");
    }

    @Test
    void initialAdjointsMustMatchTheirNodes() {
        Graph g = new Graph();
        Var x = g.variable(Tensor.ones(2));
        Var y = x.sum();
        assertThatThrownBy(() -> Autodiff.grad(y, null, false, new Var[] {x}, new Tensor[] {Tensor.ones(3)}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[3]").hasMessageContaining("[2]");
        assertThatThrownBy(() -> Autodiff.grad(y, null, false, new Var[] {x}, new Tensor[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 initial adjoints for 1");
        assertThat(Autodiff.grad(y, null, false, new Var[] {x}, new Tensor[] {Tensor.ones(2)})[0].value())
                .isEqualTo(Tensor.of(2.0, 2.0));
    }

    @Test
    void shapeErrorsOfPrimitivesNameBothShapes() {
        Graph g = new Graph();
        Var a = g.variable(Tensor.ones(2, 3));
        Var b = g.variable(Tensor.ones(4));
        assertThatThrownBy(() -> a.add(b)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 3]").hasMessageContaining("[4]");
        assertThatThrownBy(() -> a.matmul(g.variable(Tensor.ones(2, 2, 2)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rank 1 or 2");
        assertThatThrownBy(() -> b.transpose()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank >= 2");
        assertThatThrownBy(() -> a.sumTo(2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shape [2] does not broadcast to [2, 3]");
    }

    @Test
    void linearAlgebraRejectsSingularAndIndefiniteMatrices() {
        Graph g = new Graph();
        Var singular = g.variable(Tensor.of(new double[][] {{1, 2}, {2, 4}}));
        assertThatThrownBy(() -> singular.solve(g.variable(Tensor.ones(2)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("singular");
        assertThatThrownBy(() -> g.variable(Tensor.eye(2).neg()).logdet()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not positive definite");
        assertThatThrownBy(() -> g.variable(Tensor.ones(2, 3)).solve(g.variable(Tensor.ones(2))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("square");
        assertThatThrownBy(() -> g.variable(Tensor.eye(2)).solve(g.variable(Tensor.ones(3))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[3]");
    }

    @Test
    void dualTangentsMustMatchTheValueShape() {
        assertThatThrownBy(() -> new Graph().dual(Tensor.ones(2), Tensor.ones(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[3]").hasMessageContaining("[2]");
        assertThatThrownBy(() -> Autodiff.jvp(v -> v[0], new Tensor[] {Tensor.ones(1)}, new Tensor[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 points but 0 tangents");
    }

    @Test
    void arityAndAttributesAreChecked() {
        Graph g = new Graph();
        Var x = g.variable(Tensor.ones(2));
        assertThatThrownBy(() -> g.apply(Primitives.ADD, Attrs.NONE, x)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("add: expects 2 input(s), got 1");
        assertThatThrownBy(() -> g.apply(Primitives.POW, Attrs.NONE, x)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing attribute 'p'");
        assertThatThrownBy(() -> Attrs.of("p")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Attrs.of("p", "text")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Primitives.byName("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope");
        assertThat(Primitives.byName("mul")).isSameAs(Primitives.MUL);
    }

    @Test
    void programsPrintAsCodeAndRejectUndefinedValues() {
        Program p = new Program(List.of(new int[] {2}, new int[] {2}), List.of(
                new Program.Instruction(Primitives.EXP, new int[] {0}, Attrs.NONE, false),
                new Program.Instruction(Primitives.MUL, new int[] {2, 1}, Attrs.NONE, false),
                new Program.Instruction(Primitives.SUM, new int[] {3}, Attrs.of("axes", new int[] {0}), true)));
        assertThat(p.toString()).isEqualTo("v2 = exp(x0); v3 = mul(v2, x1); v4 = detach(sum(v3, axes=[0])); return sum(v4)");
        assertThatThrownBy(() -> new Program(List.of(new int[] {2}),
                List.of(new Program.Instruction(Primitives.EXP, new int[] {1}, Attrs.NONE, false))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reads value 1");
        assertThatThrownBy(() -> new Program(List.of(new int[] {2}),
                List.of(new Program.Instruction(Primitives.ADD, new int[] {0}, Attrs.NONE, false))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("add: expects 2 input(s), got 1");
        assertThatThrownBy(() -> new Program(List.of(), List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one input");
        Graph g = new Graph();
        assertThatThrownBy(() -> p.run(g.variable(Tensor.ones(2)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expects 2 inputs, got 1");
        assertThatThrownBy(() -> p.run(g.variable(Tensor.ones(3)), g.variable(Tensor.ones(2))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[3]").hasMessageContaining("[2]");
        assertThat(Program.format(Tensor.of(new double[][] {{1, 2}, {3, 4}}))).isEqualTo("[[1.0, 2.0], [3.0, 4.0]]");
    }

    @Test
    void whereRejectsAMaskThatWouldEnlargeTheResult() {
        Graph g = new Graph();
        Var a = g.variable(Tensor.ones(2));
        assertThatThrownBy(() -> Var.where(Tensor.ones(3, 2), a, a)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mask shape [3, 2]").hasMessageContaining("[2]");
        assertThatThrownBy(() -> Var.where(null, a, a)).isInstanceOf(NullPointerException.class).hasMessage("mask");
    }

    @Test
    void workIsCountedPerPrimitive() {
        Graph g = new Graph();
        Var a = g.variable(Tensor.ones(2, 3));
        Var b = g.variable(Tensor.ones(3, 4));
        a.matmul(b);
        assertThat(g.operations()).isEqualTo(1);
        assertThat(g.work()).isEqualTo(2L * 2 * 3 * 4);
        a.sum(new int[] {1}, true);
        assertThat(g.work()).isEqualTo(48 + 6 - 2);
    }

    @Test
    void defineRefusesANegativeArityAndNamesANullRule() {
        Primitive neg = Primitives.NEG;
        assertThatThrownBy(() -> Primitive.define("bad", -2, (x, a) -> x[0], c -> { }, (x, d, y, a) -> d[0],
                (x, y, a) -> 1L, ch -> null, (x, a) -> true, "everywhere"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("arity").hasMessageContaining("-2");
        assertThatThrownBy(() -> Primitive.define("bad", 1, null, c -> { }, (x, d, y, a) -> d[0],
                (x, y, a) -> 1L, ch -> null, (x, a) -> true, "everywhere"))
                .isInstanceOf(NullPointerException.class).hasMessage("forward");
        assertThat(neg.arity()).isEqualTo(1);
    }
}
