package dlmath.bench;

import dlmath.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Square n x n matrix product: {@link Tensor#matmul} against commons-math3 and EJML on the same
 * seeded random inputs. Every variant allocates its result, as {@code Tensor.matmul} must.
 *
 * <p>Run: {@code mvn -B -q -Pbench verify -Djmh.args="MatmulBench -f 1 -wi 3 -w 1 -i 5 -r 1"}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MatmulBench {

    @Param({"64", "256", "512"})
    int n;

    private Tensor tensorA;
    private Tensor tensorB;
    private RealMatrix commonsA;
    private RealMatrix commonsB;
    private DMatrixRMaj ejmlA;
    private DMatrixRMaj ejmlB;

    @Setup
    public void setup() {
        SplittableRandom rng = new SplittableRandom(20240601L);
        tensorA = Tensor.randn(rng, n, n);
        tensorB = Tensor.randn(rng, n, n);
        double[][] a = tensorA.toArray2D();
        double[][] b = tensorB.toArray2D();
        commonsA = new Array2DRowRealMatrix(a);
        commonsB = new Array2DRowRealMatrix(b);
        ejmlA = new DMatrixRMaj(a);
        ejmlB = new DMatrixRMaj(b);
    }

    @Benchmark
    public Tensor ours() {
        return tensorA.matmul(tensorB);
    }

    @Benchmark
    public RealMatrix commonsMath() {
        return commonsA.multiply(commonsB);
    }

    @Benchmark
    public DMatrixRMaj ejml() {
        DMatrixRMaj c = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(ejmlA, ejmlB, c);
        return c;
    }
}
