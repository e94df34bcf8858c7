package dlmath.prob;

import static org.assertj.core.api.Assertions.assertThat;

import dlmath.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * KL between multivariate normals with diagonal covariances: the sum of the univariate KLs,
 * ln(s_q / s_p) + (s_p^2 + (m_p - m_q)^2) / (2 s_q^2) - 1/2 per coordinate (closed form, terms below 10: 1e-14).
 */
class MultivariateNormalMutationTest {

    @Test
    void klOfDiagonalGaussiansIsTheSumOfTheCoordinates() {
        double[] mp = {0.5, -1, 2};
        double[] sp = {1, 0.5, 3};
        double[] mq = {1.5, 0, -1};
        double[] sq = {2, 0.25, 1};
        double want = 0;
        double[][] cp = new double[3][3];
        double[][] cq = new double[3][3];
        for (int i = 0; i < 3; i++) {
            cp[i][i] = sp[i] * sp[i];
            cq[i][i] = sq[i] * sq[i];
            want += Math.log(sq[i] / sp[i]) + (sp[i] * sp[i] + (mp[i] - mq[i]) * (mp[i] - mq[i])) / (2 * sq[i] * sq[i]) - 0.5;
        }
        MultivariateNormal p = new MultivariateNormal(Tensor.of(mp), Tensor.of(cp));
        MultivariateNormal q = new MultivariateNormal(Tensor.of(mq), Tensor.of(cq));
        assertThat(KL.divergence(p, q)).isCloseTo(want, org.assertj.core.api.Assertions.within(1e-14 * 10));
        assertThat(KL.divergence(p, p)).isCloseTo(0, org.assertj.core.api.Assertions.within(1e-15));
        assertThat(p.toString()).startsWith("MultivariateNormal(loc=").contains("covarianceMatrix=");
    }
}
