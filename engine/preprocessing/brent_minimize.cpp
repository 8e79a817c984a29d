#include "engine/preprocessing/brent_minimize.h"

#include <cmath>
#include <utility>

namespace dslab::preprocessing {

namespace {

struct Bracket {
    double xa, xb, xc, fa, fb, fc;
};

// Downhill from (xa, xb) until f(xb) is below both ends (SciPy's optimize.bracket).
Bracket growBracket(const std::function<double(double)>& f, double xa, double xb)
{
    const double gold = 1.618034, verySmall = 1e-21, growLimit = 110.0;
    double fa = f(xa), fb = f(xb);
    if (fa < fb) {
        std::swap(xa, xb);
        std::swap(fa, fb);
    }
    double xc = xb + gold * (xb - xa);
    double fc = f(xc);
    for (int iter = 0; fc < fb && iter <= 1000; ++iter) {
        const double tmp1 = (xb - xa) * (fb - fc);
        const double tmp2 = (xb - xc) * (fb - fa);
        const double val = tmp2 - tmp1;
        const double denom = std::abs(val) < verySmall ? 2.0 * verySmall : 2.0 * val;
        double w = xb - ((xb - xc) * tmp2 - (xb - xa) * tmp1) / denom;
        const double wlim = xb + growLimit * (xc - xb);
        double fw = 0;
        if ((w - xc) * (xb - w) > 0.0) {
            fw = f(w);
            if (fw < fc)
                return {xb, w, xc, fb, fw, fc};
            if (fw > fb)
                return {xa, xb, w, fa, fb, fw};
            w = xc + gold * (xc - xb);
            fw = f(w);
        } else if ((w - wlim) * (wlim - xc) >= 0.0) {
            w = wlim;
            fw = f(w);
        } else if ((w - wlim) * (xc - w) > 0.0) {
            fw = f(w);
            if (fw < fc) {
                xb = xc;
                xc = w;
                w = xc + gold * (xc - xb);
                fb = fc;
                fc = fw;
                fw = f(w);
            }
        } else {
            w = xc + gold * (xc - xb);
            fw = f(w);
        }
        xa = xb;
        xb = xc;
        xc = w;
        fa = fb;
        fb = fc;
        fc = fw;
    }
    return {xa, xb, xc, fa, fb, fc};
}

}  // namespace

double brentMinimize(const std::function<double(double)>& f, double xa, double xb)
{
    const double tol = 1.48e-8, minTol = 1.0e-11, cg = 0.3819660;
    const Bracket br = growBracket(f, xa, xb);
    double x = br.xb, w = br.xb, v = br.xb;
    double fx = br.fb, fw = br.fb, fv = br.fb;
    double a = br.xa < br.xc ? br.xa : br.xc;
    double b = br.xa < br.xc ? br.xc : br.xa;
    double deltax = 0.0, rat = 0.0;
    for (int iter = 0; iter < 500; ++iter) {
        const double tol1 = tol * std::abs(x) + minTol;
        const double tol2 = 2.0 * tol1;
        const double xmid = 0.5 * (a + b);
        if (std::abs(x - xmid) < (tol2 - 0.5 * (b - a)))
            break;
        if (std::abs(deltax) <= tol1) {
            deltax = x >= xmid ? a - x : b - x;  // golden section step
            rat = cg * deltax;
        } else {  // parabolic step
            const double tmp1 = (x - w) * (fx - fv);
            double tmp2 = (x - v) * (fx - fw);
            double p = (x - v) * tmp2 - (x - w) * tmp1;
            tmp2 = 2.0 * (tmp2 - tmp1);
            if (tmp2 > 0.0)
                p = -p;
            tmp2 = std::abs(tmp2);
            const double dxTemp = deltax;
            deltax = rat;
            if (p > tmp2 * (a - x) && p < tmp2 * (b - x) && std::abs(p) < std::abs(0.5 * tmp2 * dxTemp)) {
                rat = p * 1.0 / tmp2;
                const double u = x + rat;
                if ((u - a) < tol2 || (b - u) < tol2)
                    rat = xmid - x >= 0 ? tol1 : -tol1;
            } else {
                deltax = x >= xmid ? a - x : b - x;
                rat = cg * deltax;
            }
        }
        const double u = std::abs(rat) < tol1 ? (rat >= 0 ? x + tol1 : x - tol1) : x + rat;
        const double fu = f(u);
        if (fu > fx) {
            if (u < x)
                a = u;
            else
                b = u;
            if (fu <= fw || w == x) {
                v = w;
                w = u;
                fv = fw;
                fw = fu;
            } else if (fu <= fv || v == x || v == w) {
                v = u;
                fv = fu;
            }
        } else {
            if (u >= x)
                a = x;
            else
                b = x;
            v = w;
            w = x;
            x = u;
            fv = fw;
            fw = fx;
            fx = fu;
        }
    }
    return x;
}

}  // namespace dslab::preprocessing
