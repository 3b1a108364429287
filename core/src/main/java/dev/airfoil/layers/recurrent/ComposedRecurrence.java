package dev.airfoil.layers.recurrent;

import dev.airfoil.activations.Activation;
import dev.airfoil.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * The reference recurrence, step by step with ordinary differentiable tensor ops. It computes
 * exactly what {@link Recurrence} computes (same inputs, same packed result) and serves both as
 * the path for activations the fused kernel does not know and as the reference the fused kernel
 * is tested against.
 */
final class ComposedRecurrence {
    private ComposedRecurrence() {
    }

    /**
     * Runs the recurrence; arguments as {@link Recurrence#run}, with the mask as a bool tensor
     * {@code (B, T)} and the recurrent dropout multipliers as a tensor {@code (B, U)} (both may be null).
     */
    static Tensor run(Recurrence.Kind kind, int units, Activation act, Activation recAct, boolean resetAfter,
                      boolean goBackwards, boolean zeroOutputForMask,
                      Tensor xp, Tensor wr, Tensor rb, Tensor h0, Tensor c0, Tensor mask, Tensor rd) {
        int t = xp.shape()[1];
        int u = units;
        Tensor h = h0;
        Tensor c = c0;
        List<Tensor> outs = new ArrayList<>();
        for (int s = 0; s < t; s++) {
            int ti = goBackwards ? t - 1 - s : s;
            Tensor xt = xp.select(1, ti);
            Tensor hd = rd == null ? h : h.mul(rd);
            Tensor hn;
            Tensor cn = null;
            switch (kind) {
                case SIMPLE -> hn = act.apply(xt.add(hd.matmul(wr)));
                case LSTM -> {
                    Tensor z = xt.add(hd.matmul(wr));
                    Tensor i = recAct.apply(z.slice(1, 0, u));
                    Tensor f = recAct.apply(z.slice(1, u, 2 * u));
                    Tensor g = act.apply(z.slice(1, 2 * u, 3 * u));
                    Tensor o = recAct.apply(z.slice(1, 3 * u, 4 * u));
                    cn = f.mul(c).add(i.mul(g));
                    hn = o.mul(act.apply(cn));
                }
                case GRU -> {
                    Tensor xz = xt.slice(1, 0, u);
                    Tensor xr = xt.slice(1, u, 2 * u);
                    Tensor xh = xt.slice(1, 2 * u, 3 * u);
                    Tensor hh;
                    Tensor z;
                    if (resetAfter) {
                        Tensor m = hd.matmul(wr);
                        if (rb != null) {
                            m = m.add(rb);
                        }
                        z = recAct.apply(xz.add(m.slice(1, 0, u)));
                        Tensor r = recAct.apply(xr.add(m.slice(1, u, 2 * u)));
                        hh = act.apply(xh.add(r.mul(m.slice(1, 2 * u, 3 * u))));
                    } else {
                        Tensor m = hd.matmul(wr.slice(1, 0, 2 * u));
                        z = recAct.apply(xz.add(m.slice(1, 0, u)));
                        Tensor r = recAct.apply(xr.add(m.slice(1, u, 2 * u)));
                        hh = act.apply(xh.add(r.mul(hd).matmul(wr.slice(1, 2 * u, 3 * u))));
                    }
                    hn = z.mul(h).add(z.neg().add(1).mul(hh));
                }
                default -> throw new IllegalStateException();
            }
            Tensor out = hn;
            if (mask != null) {
                Tensor m = mask.select(1, ti).unsqueeze(1);
                out = Tensor.where(m, hn, zeroOutputForMask ? Tensor.zerosLike(hn) : h);
                hn = Tensor.where(m, hn, h);
                if (cn != null) {
                    cn = Tensor.where(m, cn, c);
                }
            }
            outs.add(out);
            h = hn;
            if (cn != null) {
                c = cn;
            }
        }
        outs.add(h);
        if (kind == Recurrence.Kind.LSTM) {
            outs.add(c);
        }
        return Tensor.stack(outs, 1);
    }
}
