package dlmath.bench;

import dlmath.linalg.Svd;
import dlmath.linalg.SymmetricEigen;
import dlmath.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Square n x n decompositions with singular vectors / eigenvectors: our one-sided Jacobi
 * {@link Svd} and cyclic Jacobi {@link SymmetricEigen} against commons-math3
 * ({@code SingularValueDecomposition}: Golub-Kahan bidiagonalization and implicit QR;
 * {@code EigenDecomposition}: Householder tridiagonalization and implicit QL) and EJML
 * ({@code DecompositionFactory_DDRM.svd / eig}: bidiagonal QR SVD, symmetric tridiagonal QR), on the
 * same seeded Gaussian inputs (symmetrized for the eigenproblem). Each variant starts from an
 * untouched copy of the input, computes the vectors and returns them (EJML may overwrite its input).
 *
 * <p>Run: {@code mvn -B -q -Pbench verify -Djmh.args="DecompositionBench -f 1 -wi 3 -w 1 -i 5 -r 1"}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DecompositionBench {

    @Param({"50", "100", "200"})
    int n;

    private Tensor general;
    private Tensor symmetric;
    private double[][] generalRows;
    private double[][] symmetricRows;

    @Setup
    public void setup() {
        SplittableRandom rng = new SplittableRandom(20240607L);
        general = Tensor.randn(rng, n, n);
        Tensor b = Tensor.randn(rng, n, n);
        symmetric = b.add(b.transpose()).div(2);
        generalRows = general.toArray2D();
        symmetricRows = symmetric.toArray2D();
    }

    @Benchmark
    public Tensor svdOurs() {
        Svd svd = Svd.of(general);
        return svd.v();
    }

    @Benchmark
    public RealMatrix svdCommonsMath() {
        SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(generalRows));
        return svd.getV();
    }

    @Benchmark
    public DMatrixRMaj svdEjml() {
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(n, n, true, true, true);
        if (!svd.decompose(new DMatrixRMaj(generalRows))) {
            throw new IllegalStateException("EJML SVD failed");
        }
        return svd.getV(null, false);
    }

    @Benchmark
    public Tensor eigOurs() {
        return SymmetricEigen.of(symmetric).eigenvectors();
    }

    @Benchmark
    public RealMatrix eigCommonsMath() {
        return new EigenDecomposition(new Array2DRowRealMatrix(symmetricRows)).getV();
    }

    @Benchmark
    public DMatrixRMaj eigEjml() {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(new DMatrixRMaj(symmetricRows))) {
            throw new IllegalStateException("EJML eigendecomposition failed");
        }
        return eig.getEigenVector(0);
    }
}
