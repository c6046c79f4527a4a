package io.ottertrend.analytics.internal;

import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * GARCH(1,1) maximum-likelihood fit with Nelder–Mead (commons-math3). The optimiser works on unconstrained
 * parameters {@code (ln ω, logit(α + β), logit(α / (α + β)))}, so every trial point is a stationary model with
 * {@code ω > 0}, {@code α, β >= 0} and {@code α + β < 1}.
 *
 * <p>Thread-safe: stateless.
 */
public final class Garch {
  /** Upper bound of {@code α + β}: keeps the long-run variance finite. */
  static final double MAX_PERSISTENCE = 0.9995;

  private Garch() {}

  /**
   * Fits demeaned returns.
   *
   * @return {@code {ω, α, β, logLikelihood, lastVariance, converged (1 or 0)}}; {@code lastVariance} is the fitted
   *     conditional variance of the last return
   */
  public static double[] fit(double[] r) {
    double var = 0;
    for (double v : r) {
      var += v * v;
    }
    var /= r.length;
    double v0 = var;
    double[] start = {Math.log(var * 0.05), logit(0.95 / MAX_PERSISTENCE), logit(0.1 / 0.95)};
    ObjectiveFunction f = new ObjectiveFunction(p -> -logLikelihood(r, v0, params(p)));
    SimplexOptimizer opt = new SimplexOptimizer(1e-10, 1e-12);
    try {
      PointValuePair best = null;
      double[] guess = start;
      // Restarting from the optimum re-inflates a collapsed simplex; two restarts are enough in practice.
      for (int round = 0; round < 3; round++) {
        PointValuePair p =
            opt.optimize(
                new MaxEval(4000), f, GoalType.MINIMIZE, new InitialGuess(guess),
                new NelderMeadSimplex(new double[] {0.5, 0.5, 0.5}));
        if (best == null || p.getValue() < best.getValue()) {
          best = p;
        }
        guess = best.getPoint();
      }
      double[] w = params(best.getPoint());
      double ll = -best.getValue();
      boolean ok = Double.isFinite(ll) && w[0] > 0;
      return new double[] {w[0], w[1], w[2], ll, lastVariance(r, v0, w), ok ? 1 : 0};
    } catch (TooManyEvaluationsException e) {
      return new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0};
    }
  }

  static double[] params(double[] p) {
    double omega = Math.exp(p[0]);
    double persistence = MAX_PERSISTENCE * logistic(p[1]);
    double alpha = persistence * logistic(p[2]);
    return new double[] {omega, alpha, persistence - alpha};
  }

  /** Gaussian log-likelihood with {@code σ²[0] = v0}. */
  public static double logLikelihood(double[] r, double v0, double[] w) {
    double omega = w[0];
    double alpha = w[1];
    double beta = w[2];
    double s2 = v0;
    double ll = 0;
    for (int t = 0; t < r.length; t++) {
      if (t > 0) {
        double prev = r[t - 1];
        s2 = omega + alpha * prev * prev + beta * s2;
      }
      ll += Math.log(s2) + r[t] * r[t] / s2;
    }
    return -0.5 * (r.length * Math.log(2 * Math.PI) + ll);
  }

  static double lastVariance(double[] r, double v0, double[] w) {
    double s2 = v0;
    for (int t = 1; t < r.length; t++) {
      double prev = r[t - 1];
      s2 = w[0] + w[1] * prev * prev + w[2] * s2;
    }
    return s2;
  }

  private static double logistic(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  private static double logit(double p) {
    return Math.log(p / (1 - p));
  }
}
