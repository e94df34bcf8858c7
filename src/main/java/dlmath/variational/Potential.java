package dlmath.variational;

import dlmath.autodiff.Var;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;

/**
 * A potential V(y) of the functional {@code J[y] = int (1/2 y'^2 + V(y)) dx}: its value and
 * derivative on doubles, and its value on autodiff variables (elementwise).
 *
 * @param name a readable name
 * @param value V
 * @param derivative V'
 * @param onVar V applied elementwise to a variable
 */
public record Potential(String name, DoubleUnaryOperator value, DoubleUnaryOperator derivative,
                        UnaryOperator<Var> onVar) {

    public Potential {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(derivative, "derivative");
        Objects.requireNonNull(onVar, "onVar");
    }

    /** V = 0: the Euler-Lagrange equation is y'' = 0, solved by the straight line. */
    public static Potential zero() {
        return new Potential("0", y -> 0, y -> 0, y -> y.mul(0));
    }

    /** V = c y^2 / 2: the equation y'' = c y (sinh and cosh for c = 1). */
    public static Potential quadratic(double c) {
        Args.finite("Potential.quadratic", "c", c);
        return new Potential(c + " y^2/2", y -> c * y * y / 2, y -> c * y, y -> y.mul(y).mul(c / 2));
    }

    /** V = y^4 / 4: the equation y'' = y^3. */
    public static Potential quartic() {
        return new Potential("y^4/4", y -> y * y * y * y / 4, y -> y * y * y, y -> y.mul(y).mul(y.mul(y)).mul(0.25));
    }

    /** V = 1 - cos y (the pendulum): the equation y'' = sin y. */
    public static Potential pendulum() {
        return new Potential("1 - cos y", y -> 1 - Math.cos(y), Math::sin, y -> y.cos().rsub(1));
    }

    @Override
    public String toString() {
        return "V(y) = " + name;
    }
}
