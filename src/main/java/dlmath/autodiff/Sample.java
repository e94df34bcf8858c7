package dlmath.autodiff;

import dlmath.tensor.Checks;
import dlmath.tensor.Tensor;
import java.util.StringJoiner;

/**
 * Valid inputs of one primitive: the input tensors and the attributes.
 *
 * @param inputs the input tensors, one per operand
 * @param attrs the attributes
 */
public record Sample(Tensor[] inputs, Attrs attrs) {

    /** Copies the array of inputs. */
    public Sample {
        inputs = Checks.noNulls(inputs, "inputs").clone();
        Checks.notNull(attrs, "attrs");
    }

    /**
     * The input tensors.
     *
     * @return a copy of the array
     */
    @Override
    public Tensor[] inputs() {
        return inputs.clone();
    }

    /** Each input as {@code x0 = [2, 2] [[1.0, 2.0], [3.0, 4.0]]} and the attributes. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner("; ");
        for (int i = 0; i < inputs.length; i++) {
            j.add("x" + i + " = " + Program.format(inputs[i]));
        }
        if (!attrs.isEmpty()) {
            j.add(attrs.toString());
        }
        return j.toString();
    }
}
