package dlmath.bench;

import dlmath.autodiff.Attrs;
import dlmath.nn.Im2col;
import dlmath.nn.NnPrimitives;
import dlmath.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Conv2d forward on the lab 3 shapes (NN-15: a batch of 8x8 digits, one input channel, 16
 * output channels, 3x3 kernel, padding 1, stride 1): the direct loops of the registry primitive
 * against im2col + matrix product ({@link Im2col}). Also the second block's shape a deeper lab
 * would use (16 -&gt; 32 channels on 4x4).
 *
 * <p>{@code mvn -Pbench verify -Djmh.args="Conv2dBench"}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class Conv2dBench {

    /** "batch,in,out,side": lab 3's first block at batch 32, and a 16 -&gt; 32 block on 4x4. */
    @Param({"32,1,16,8", "32,16,32,4"})
    public String shape;

    private Tensor x;
    private Tensor w;
    private Attrs attrs;
    private static final int[] ONE = {1, 1};

    @Setup
    public void setup() {
        String[] p = shape.split(",");
        int n = Integer.parseInt(p[0]);
        int c = Integer.parseInt(p[1]);
        int o = Integer.parseInt(p[2]);
        int side = Integer.parseInt(p[3]);
        SplittableRandom rng = new SplittableRandom(1);
        x = Tensor.randn(rng, n, c, side, side);
        w = Tensor.randn(rng, o, c, 3, 3);
        attrs = Attrs.of("stride", ONE, "padding", ONE, "dilation", ONE);
    }

    @Benchmark
    public Tensor direct() {
        return NnPrimitives.CONV2D.forward(new Tensor[] {x, w}, attrs);
    }

    @Benchmark
    public Tensor im2col() {
        return Im2col.conv2d(x, w, ONE, ONE, ONE);
    }
}
