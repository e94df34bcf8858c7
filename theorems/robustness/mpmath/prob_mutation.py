# Reference values for src/test/java/dlmath/prob/SpecialMutationTest.java (mpmath 1.3.0, 40 digits):
#   python3 theorems/robustness/mpmath/prob_mutation.py
# One line per value: name, the double arguments (repr), the value to 25 digits.
import mpmath as mp
mp.mp.dps = 40
F = lambda v: mp.mpf(float(v))
def windows(mode, sd, lo, hi):
    return sorted(set([lo, hi] + [mode + k * sd for k in range(-60, 61, 4) if lo < mode + k * sd < hi]))
def betaI(a, b, x):
    a, b, x = F(a), F(b), F(x)
    if a < 1e5 and b < 1e5:
        return mp.betainc(a, b, 0, x, regularized=True)
    lnB = mp.loggamma(a) + mp.loggamma(b) - mp.loggamma(a + b)
    f = lambda t: mp.exp((a - 1) * mp.log(t) + (b - 1) * mp.log1p(-t) - lnB)
    mu = a / (a + b); sd = mp.sqrt(a * b / ((a + b) ** 2 * (a + b + 1)))
    return mp.quad(f, windows(mu, sd, mp.mpf(0), x))
def omega(x):
    x = F(x)
    return mp.loggamma(x) - ((x - mp.mpf(1) / 2) * mp.log(x) - x + mp.log(mp.sqrt(2 * mp.pi)))
rows = []
for x in [1e-300, 1e-3, 0.3, 0.49999999999999994, 0.5, 0.9, 1.5, 1.5000000000000002, 1.6, 2.5, 2.5000000000000004,
          3.3, 7.7, 9.999999999999998, 10, 12.5, 1e3, 1e15, 1e300]:
    rows.append(("lgamma", (x,), mp.loggamma(F(x))))
for x in [10, 10.5, 20, 1e3, 1e8]:
    rows.append(("stirling", (x,), omega(x)))
for x in [1e-3, 0.5, 2.2, 9.5, 10, 13, 1e4, 1e12]:
    rows.append(("digamma", (x,), mp.digamma(F(x))))
for x in [10, 13, 1e4]:
    rows.append(("digammaMinusLog", (x,), mp.digamma(F(x)) - mp.log(F(x))))
for d in [-0.09, -1e-3, 1e-5, 0.0999, 0.1, -0.1, -0.5, 3, 1e3]:
    dd = F(d)
    rows.append(("phi", (d,), dd - mp.log1p(dd)))
    rows.append(("poissonRate", (d,), (1 + dd) * mp.log1p(dd) - dd))
rows.append(("poissonRate", (-1,), mp.mpf(1)))
for a, b in [(0.3, 2.5), (3, 9.999999999999998), (1e-3, 7), (10, 10), (12, 35.5), (2.5, 10), (0.5, 1e3), (9.5, 4e6),
             (1e3, 1e6), (3e7, 5e7)]:
    with mp.workdps(400):
        rows.append(("logBeta", (a, b), mp.loggamma(F(a)) + mp.loggamma(F(b)) - mp.loggamma(F(a) + F(b))))
for a, x in [(0.5, 0.2), (2.5, 1), (2.5, 3.5), (2.5, 3.4999999999999996), (2.5, 20), (0.01, 1e-3), (15, 9), (15, 15.9),
             (15, 16), (15, 30), (40, 70), (7, 60)]:
    rows.append(("gammaP", (a, x), mp.gammainc(F(a), 0, F(x), regularized=True)))
    rows.append(("gammaQ", (a, x), mp.gammainc(F(a), F(x), mp.inf, regularized=True)))
for a, x in [(1e5, 1e5 - 1500), (1e5, 1e5 + 20), (1e5, 1e5 - 20), (1e5, 1e5 + 1500), (4e5, 4e5 + 5)]:
    rows.append(("gammaP", (a, x), mp.gammainc(F(a), 0, F(x), regularized=True)))
    rows.append(("gammaQ", (a, x), mp.gammainc(F(a), F(x), mp.inf, regularized=True)))
for a, b, x in [(0.5, 3, 0.1), (0.5, 3, 0.6), (3, 0.5, 0.9), (2, 3, 0.4285714285714285), (2, 3, 0.42857142857142866),
                (20, 40, 0.3), (20, 40, 0.36), (12, 2e6, 5e-6), (12, 2e6, 7e-6), (2e6, 12, 1 - 6e-6),
                (2.5, 3e6, 1e-6), (3e6, 2.5, 1 - 1e-6), (4, 2e10, 2e-10),
                (1e17, 2e17, 1 / 3 + 1e-9), (1e17, 2e17, 1 / 3 - 2e-9), (2e17, 1e17, 2 / 3 + 1e-9)]:
    rows.append(("betaI", (a, b, x), betaI(a, b, x)))
for kind, args, v in rows:
    print(kind, ",".join(repr(float(t)) for t in args), mp.nstr(v, 25))
# the Dirichlet helpers (printed as: name, alpha ; x, value)
def lnB(al):
    return mp.fsum(mp.loggamma(F(v)) for v in al) - mp.loggamma(mp.fsum(F(v) for v in al))
more = []
with mp.workdps(200):
    for al in [(12, 3e6, 5e5), (2, 3e6), (12, 20, 30), (15, 15)]:
        more.append(("logMultivariateBeta", al, (), lnB(al)))
    for al, x in [((12, 2e6, 3e6), (5e-6, 0.4, 0.599995)), ((20, 1e6), (1e-5, 0.99999))]:
        a0 = mp.fsum(F(v) for v in al)
        xs = [F(v) for v in x]; s = mp.fsum(xs); xs = [v / s for v in xs]
        more.append(("logDirichlet", al, x, mp.fsum((F(a) - 1) * mp.log(v) for a, v in zip(al, xs)) - lnB(al)))
    for al in [(1e6, 2e6, 3e6), (1e6, 1e6)]:
        a0 = mp.fsum(F(v) for v in al)
        h = lnB(al) + (a0 - len(al)) * mp.digamma(a0) - mp.fsum((F(v) - 1) * mp.digamma(F(v)) for v in al)
        more.append(("dirichletEntropy", al, (), h))
# Temme's expansion near x = a (|eta| < 1e-3) by temmeAt(a, d), both tails
for a, d in [(1e5, 1e-5), (1e5, -2e-5), (3e5, 5e-4)]:
    x = F(a) * (1 + F(d))
    more.append(("temmeP", (a, d), (), mp.gammainc(F(a), 0, x, regularized=True)))
    more.append(("temmeQ", (a, d), (), mp.gammainc(F(a), x, mp.inf, regularized=True)))
for kind, al, x, v in more:
    print(kind, ",".join(repr(float(t)) for t in al) + (";" + ",".join(repr(float(t)) for t in x) if x else ""), mp.nstr(v, 25))
# Beta(a, b): log density and entropy (for BetaMutationTest)
beta = []
def betaEntropy(a, b):
    a, b = F(a), F(b)
    lnBeta = mp.loggamma(a) + mp.loggamma(b) - mp.loggamma(a + b)
    return lnBeta - (a - 1) * mp.digamma(a) - (b - 1) * mp.digamma(b) + (a + b - 2) * mp.digamma(a + b)
with mp.workdps(200):
    for a, b, x in [(20, 1e6, 1e-5), (12, 2e6, 7e-6), (2e6, 12, 0.999994), (0.5, 2.5, 0.25), (2.5, 0.5, 0.75), (3, 1e6, 2e-6)]:
        A, B, X = F(a), F(b), F(x)
        lnBeta = mp.loggamma(A) + mp.loggamma(B) - mp.loggamma(A + B)
        beta.append(("betaLogProb", (a, b, x), (A - 1) * mp.log(X) + (B - 1) * mp.log1p(-X) - lnBeta))
    for a, b in [(1e6, 2e6), (2e6, 2e6), (2.5, 3e6), (3e6, 0.5), (1e7, 12), (0.3, 2.5), (2.5, 0.3), (0.5, 0.5), (2, 3), (7.5, 1.5)]:
        beta.append(("betaEntropy", (a, b), betaEntropy(a, b)))
for kind, args, v in beta:
    print(kind, ",".join(repr(float(t)) for t in args), mp.nstr(v, 25))
# KL closed forms (for KlMutationTest), 200 digits; rates for Gamma and Exponential, scales elsewhere
def lg(v): return mp.loggamma(v)
def klGamma(ap, bp, aq, bq):
    ap, bp, aq, bq = F(ap), F(bp), F(aq), F(bq)
    return (ap - aq) * mp.digamma(ap) - lg(ap) + lg(aq) + aq * (mp.log(bp) - mp.log(bq)) + ap * (bq - bp) / bp
def klDirichlet(a, b):
    a = [F(v) for v in a]; b = [F(v) for v in b]
    a0 = mp.fsum(a); b0 = mp.fsum(b)
    return lg(a0) - mp.fsum(lg(v) for v in a) - lg(b0) + mp.fsum(lg(v) for v in b) + mp.fsum((x - y) * (mp.digamma(x) - mp.digamma(a0)) for x, y in zip(a, b))
def klBern(p, q):
    p, q = F(p), F(q)
    t = 0 if p == 0 else p * mp.log(p / q)
    return t + (0 if p == 1 else (1 - p) * (mp.log1p(-p) - mp.log1p(-q)))
def klBinom(n, p, m, q):
    p, q = F(p), F(q)
    s = 0
    for k in range(n + 1):
        lp = mp.log(mp.binomial(n, k)) + k * mp.log(p) + (n - k) * mp.log1p(-p)
        lq = mp.log(mp.binomial(m, k)) + k * mp.log(q) + (m - k) * mp.log1p(-q)
        s += mp.exp(lp) * (lp - lq)
    return s
kl = []
with mp.workdps(200):
    for p, q in [(0.3, 0.7), (0.3, 0.30001), (0.999, 0.5), (1e-5, 0.2), (5e-324, 1e-300), (0.25, 1 - 1e-12)]:
        kl.append(("bern", (p, q), klBern(p, q)))
    for p, q in [(0, 0.3), (1, 0.3)]:
        kl.append(("bern", (p, q), klBern(p, q)))
    kl.append(("binom", (10, 0.3, 10, 0.6), 10 * klBern(0.3, 0.6)))
    kl.append(("binom", (5, 0.3, 7, 0.4), klBinom(5, 0.3, 7, 0.4)))
    for p, q in [(3, 5), (3, 3.00001), (1e-300, 2), (5, 1e-3)]:
        P, Q = F(p), F(q)
        kl.append(("poisson", (p, q), P * mp.log(P / Q) - P + Q))
    for mp_, sp, mq, sq in [(1, 2, -1, 3), (0, 1, 0, 1.0000001), (0.5, 1e-3, 0.5, 1e3), (1e300, 1e300, -1e300, 2e300), (0, 3, 1e-8, 3)]:
        Mp, Sp, Mq, Sq = F(mp_), F(sp), F(mq), F(sq)
        kl.append(("normal", (mp_, sp, mq, sq), mp.log(Sq / Sp) + (Sp ** 2 + (Mp - Mq) ** 2) / (2 * Sq ** 2) - mp.mpf(1) / 2))
    for mp_, bp, mq, bq in [(0, 1, 0, 3), (0, 1, 0, 1.0000001), (1, 2, -1, 3), (0, 5, 1e-3, 0.5), (1e300, 1e300, -1e300, 3e300)]:
        Mp, Bp, Mq, Bq = F(mp_), F(bp), F(mq), F(bq)
        d = abs(Mp - Mq)
        kl.append(("laplace", (mp_, bp, mq, bq), mp.log(Bq / Bp) + d / Bq + (Bp / Bq) * mp.exp(-d / Bp) - 1))
    for l, h, m, s in [(0, 1, 0.5, 2), (-3, -1, 2, 0.5), (1e-3, 2e-3, 0, 1e-2)]:
        L, H, M, S = F(l), F(h), F(m), F(s)
        kl.append(("unifnormal", (l, h, m, s), -mp.log(H - L) + mp.log(S * mp.sqrt(2 * mp.pi)) + ((H - M) ** 2 + (H - M) * (L - M) + (L - M) ** 2) / (6 * S ** 2)))
    for ap, bp, aq, bq in [(12, 1, 15, 2), (12, 1, 12.000012, 1), (3, 1, 3.5, 1.2), (3, 1, 3.0000003, 1), (9.5, 1, 10.5, 1),
                           (0.5, 1, 12, 2), (3, 1, 50, 1), (50, 2, 3, 1), (50, 1, 0.5, 1), (0.3, 1, 2.5, 1), (0.3, 1, 0.45, 1),
                           (2, 1, 7, 3), (7, 3, 2, 1), (1, 2, 3, 0.5), (1, 2, 1, 3), (1e-3, 1, 1e3, 1), (1e5, 1, 2e5, 1)]:
        kl.append(("gamma", (ap, bp, aq, bq), klGamma(ap, bp, aq, bq)))
    for a, b in [((2, 3), (4, 1.5)), ((1, 2, 3), (2, 2, 2)), ((0.5, 0.5), (20, 30)), ((12, 20), (12.5, 19)), ((1e6, 2e6), (1e6, 2.1e6)),
                 ((1e-3, 1e3), (1, 1))]:
        kl.append(("dirichlet", a + (None,) + b, klDirichlet(a, b)))
for kind, args, v in kl:
    print(kind, ",".join("|" if t is None else repr(float(t)) for t in args), mp.nstr(v, 25))
# rows added for the second PIT round (Beta: the Stirling log density far from the direct form's accuracy, the
# entropy's one-large-parameter form with a large small one; KL: Dirichlet sums beyond the double range;
# the Stirling form of the Dirichlet normalizer at its smallest a_0)
extra = []
with mp.workdps(800):
    A, B, X = F(1e3), F(1e8), F(1e-5)
    extra.append(("betaLogProb", (1e3, 1e8, 1e-5), (A - 1) * mp.log(X) + (B - 1) * mp.log1p(-X) - (lg(A) + lg(B) - lg(A + B))))
    for a, b in [(5e5, 1e6), (9.5, 1e6)]:
        extra.append(("betaEntropy", (a, b), betaEntropy(a, b)))
    for a, b in [((1e308, 1e308), (1e308, 5e307)), ((1e308, 1e308), (1, 2))]:
        extra.append(("dirichlet", a + (None,) + b, klDirichlet(a, b)))
    extra.append(("logMultivariateBeta", (10, 999990), lnB((10, 999990))))
for kind, args, v in extra:
    print(kind, ",".join("|" if t is None else repr(float(t)) for t in args), mp.nstr(v, 25))
# the direct prefactor of the continued fraction with a large b (ln x and ln y each from the exact one of x, 1 - x)
print("betaI", "5.0,500000.0,1e-05", mp.nstr(betaI(5, 5e5, 1e-5), 25))
