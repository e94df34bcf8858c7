# Reference values for RobustnessExamplesTest.closedFormKlAndEntropiesAtExtremeParameters (mpmath 1.3.0):
#   python3 theorems/robustness/mpmath/kl_entropy.py
# Textbook closed forms evaluated at 700 digits (the cancellations that break them in double precision
# cost at most ~330 digits here).
import mpmath as mp, sys
mp.mp.dps = 700
F = lambda x: mp.mpf(float(x))
def gammakl(ap, bp, aq, bq):
    ap, bp, aq, bq = map(F, (ap, bp, aq, bq))
    return (ap-aq)*mp.digamma(ap) - mp.loggamma(ap) + mp.loggamma(aq) + aq*(mp.log(bp)-mp.log(bq)) + ap*(bq-bp)/bp
def dirkl(a, b):
    a = [F(x) for x in a]; b = [F(x) for x in b]
    a0 = mp.fsum(a); b0 = mp.fsum(b)
    s = mp.loggamma(a0) - mp.fsum(mp.loggamma(x) for x in a) - mp.loggamma(b0) + mp.fsum(mp.loggamma(x) for x in b)
    return s + mp.fsum((x - y)*(mp.digamma(x) - mp.digamma(a0)) for x, y in zip(a, b))
def bern(p, q):
    p, q = F(p), F(q)
    t = lambda a, b: 0 if a == 0 else a*mp.log(a/b)
    return t(p, q) + (1-p)*(mp.log1p(-p) - mp.log1p(-q))
def normal(mp_, sp, mq, sq):
    mp_, sp, mq, sq = map(F, (mp_, sp, mq, sq))
    return mp.log(sq/sp) + (sp**2 + (mp_-mq)**2)/(2*sq**2) - mp.mpf(1)/2
def poisson(p, q):
    p, q = F(p), F(q)
    return p*mp.log(p/q) - p + q
def unifnormal(l, h, m, s):
    l, h, m, s = map(F, (l, h, m, s))
    u = (h-m)/s; lo = (l-m)/s
    return -mp.log((h-l)/s) + mp.log(mp.sqrt(2*mp.pi)) + (u*u + u*lo + lo*lo)/6
SUB = 5e-324
cases = []
G = [("gamma", (1, SUB, 1e308, 1e10)), ("gamma", (1, 1, 1e308, 1)), ("gamma", (1e308, 1, 2, 1)), ("gamma", (2, 1, 1e308, 1)),
     ("gamma", (1e300, 1, 1e300*(1+2**-40), 1)), ("gamma", (1e5, 3, 1.01e5, 3.1)), ("gamma", (1e-300, 1, 1e-300, 2)),
     ("gamma", (0.5, 1, 3e4, 7)), ("gamma", (2e4, 1, 0.25, 1)), ("gamma", (SUB, 1, SUB, 1e-300)), ("gamma", (1e-10, 1, 1, 1)),
     ("gamma", (1e4, 1, 9999, 1)), ("gamma", (9999, 1, 1e4, 1)), ("gamma", (1.5, 2, 1e17, 1e17)), ("gamma", (1e17, 1, 1e17 + 2**4, 1)),
     ("gamma", (3, 1e-300, 3, 1e300)), ("gamma", (1e308, 1e-300, 1e308, 1e-300)), ("gamma", (1, 1, SUB, 1)),
     ("gamma", (9.999999999999998, 1, 10, 1)), ("gamma", (10, 1, 10.000000000000002, 1)), ("gamma", (0.9999999999999999, 1, 1, 1)),
     ("gamma", (10, 2, 9.999999999999998, 3)), ("gamma", (0.5, 1, 9.999999999999998, 1)), ("gamma", (10, 1, 0.5, 1))]
D = [("dir", ([1e308, 1e308], [1e308, 1e300])), ("dir", ([1e10, 1e10], [1e10, 1.0000001e10])), ("dir", ([0.5, 1e308], [1, 1e308])),
     ("dir", ([1e-300, 1e-300], [1e-300, 2e-300])), ("dir", ([2, 3, 4], [1e5, 2e5, 3e5])), ("dir", ([1e5, 2e5, 3e5], [2, 3, 4])),
     ("dir", ([1e300, 1, 1e-300], [1e300, 2, 1e-300])), ("dir", ([0.5, 1e17], [1, 1e17])), ("dir", ([SUB, 1], [SUB, 2]))]
O = [("bern", (SUB, 1e-300)), ("bern", (0.5, 0.5 + 2**-30)), ("poisson", (1e11, 1e11*(1+2**-30))), ("poisson", (SUB, 1)),
     ("normal", (0, 1e300, 0, 1e300*(1+2**-30))), ("normal", (1.7976931348623157e308, 1.7976931348623157e308, -1.7976931348623157e308, 1.7976931348623157e308)),
     ("unifnormal", (0, 1.7976931348623157e308, 1e308, 1e308))]
def betaH(a, b):
    a, b = F(a), F(b)
    return mp.loggamma(a) + mp.loggamma(b) - mp.loggamma(a + b) - (a - 1) * mp.digamma(a) - (b - 1) * mp.digamma(b) + (a + b - 2) * mp.digamma(a + b)
def dirH(al):
    al = [F(x) for x in al]; a0 = mp.fsum(al)
    return mp.fsum(mp.loggamma(x) for x in al) - mp.loggamma(a0) + (a0 - len(al)) * mp.digamma(a0) - mp.fsum((x - 1) * mp.digamma(x) for x in al)
for a, b in [(1e-300, 2), (0.5, 1e-10), (2, 3), (1e-300, 1e-300)]:
    print("betaH", repr((float(a), float(b))).replace(' ', ''), mp.nstr(betaH(a, b), 40))
for al in [[1e-300, 1, 2], [0.5, 0.25, 4]]:
    print("dirH", repr([float(x) for x in al]).replace(' ', ''), mp.nstr(dirH(al), 40))
for kind, args in G + D + O:
    if kind == "gamma": v = gammakl(*args)
    elif kind == "dir": v = dirkl(*args)
    elif kind == "bern": v = bern(*args)
    elif kind == "poisson": v = poisson(*args)
    elif kind == "normal": v = normal(*args)
    else: v = unifnormal(*args)
    print(kind, repr(args).replace(' ', ''), mp.nstr(v, 40))
