package dlmath.bench;

import dlmath.prob.Beta;
import dlmath.prob.Gamma;
import dlmath.prob.Normal;
import dlmath.prob.Poisson;
import dlmath.prob.UnivariateDistribution;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput of the samplers of dlmath.prob (one variate per call): the polar method, Marsaglia-Tsang
 * gamma (with and without the a &lt; 1 boost), beta from two gammas, Poisson by sequential inversion from
 * the mode, and commons-math3's gamma sampler (also Marsaglia-Tsang) for comparison.
 *
 * <p>Run: {@code mvn -B -q -Pbench verify -Djmh.args="SamplerBench -f 1 -wi 3 -w 1 -i 5 -r 1"}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SamplerBench {

    @Param({"0.5", "5"})
    double shape;

    private SplittableRandom rng;
    private UnivariateDistribution normal;
    private UnivariateDistribution gamma;
    private UnivariateDistribution beta;
    private UnivariateDistribution poisson;
    private GammaDistribution commonsGamma;

    @Setup
    public void setup() {
        rng = new SplittableRandom(20240601L);
        normal = new Normal(0, 1);
        gamma = new Gamma(shape, 1);
        beta = new Beta(shape, 2);
        poisson = new Poisson(10 * shape);
        commonsGamma = new GammaDistribution(new Well19937c(20240601L), shape, 1);
    }

    @Benchmark
    public double normal() {
        return normal.sample(rng);
    }

    @Benchmark
    public double gamma() {
        return gamma.sample(rng);
    }

    @Benchmark
    public double beta() {
        return beta.sample(rng);
    }

    @Benchmark
    public double poisson() {
        return poisson.sample(rng);
    }

    @Benchmark
    public double commonsMathGamma() {
        return commonsGamma.sample();
    }
}
