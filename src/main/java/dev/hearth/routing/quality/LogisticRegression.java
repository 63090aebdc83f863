package dev.hearth.routing.quality;

/**
 * L2-regularised logistic regression fitted by Newton's method, in plain Java: the inputs are standardised, the mean
 * log-loss plus {@code l2/2·|w|²} (bias not penalised) is minimised exactly, and the standardisation is folded back
 * into the returned weights so that they apply to raw inputs.
 *
 * <p>Newton's method rather than gradient descent because with a few hundred inputs the Hessian is small, each step is
 * exact, and the result depends on nothing but the data and {@code l2}: no learning rate, no seed, no epoch count.
 * Stateless and thread-safe.
 */
final class LogisticRegression {
    private static final int MAX_STEPS = 50;
    private static final double TOLERANCE = 1e-9;

    private LogisticRegression() {}

    /** Weights on raw inputs. */
    record Fit(double bias, double[] weights) {
        double logit(double[] x) {
            double z = bias;
            for (int i = 0; i < weights.length; i++) {
                z += weights[i] * x[i];
            }
            return z;
        }
    }

    /** Fits {@code y} (0 or 1) on the rows of {@code x} with one penalty for every input; {@code l2} must be positive. */
    static Fit fit(double[][] x, int[] y, double l2) {
        double[] penalties = new double[x[0].length];
        java.util.Arrays.fill(penalties, l2);
        return fit(x, y, penalties);
    }

    /**
     * Fits {@code y} (0 or 1) on the rows of {@code x}, penalising input {@code j}'s standardised weight with
     * {@code l2[j]/2·w²}; every penalty must be positive.
     */
    static Fit fit(double[][] x, int[] y, double[] l2) {
        double[] soft = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            soft[i] = y[i];
        }
        return fit(x, soft, l2);
    }

    /**
     * Like {@link #fit(double[][], int[], double[])} with soft labels {@code y} in [0, 1]: the cross-entropy is
     * minimised the same way (its gradient is still {@code q − y}), so a label such as "the share of models that got
     * this prompt wrong" can be fitted directly.
     */
    static Fit fit(double[][] x, double[] y, double[] l2) {
        int n = x.length;
        int d = x[0].length;
        if (l2.length != d) {
            throw new IllegalArgumentException("need " + d + " penalties, got " + l2.length);
        }
        for (double penalty : l2) {
            if (!(penalty > 0)) {
                throw new IllegalArgumentException("penalties must be positive: " + penalty);
            }
        }
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / n;
            }
        }
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
            }
        }
        for (int j = 0; j < d; j++) {
            // A constant input gets scale 1 and so weight 0 (its standardised values are all 0).
            scale[j] = scale[j] > 1e-24 ? Math.sqrt(scale[j]) : 1;
        }
        // Standardised design with a leading column of ones for the bias.
        int p = d + 1;
        double[][] z = new double[n][p];
        for (int i = 0; i < n; i++) {
            z[i][0] = 1;
            for (int j = 0; j < d; j++) {
                z[i][j + 1] = (x[i][j] - mean[j]) / scale[j];
            }
        }
        double[] beta = new double[p];
        for (int step = 0; step < MAX_STEPS; step++) {
            double[] gradient = new double[p];
            double[][] hessian = new double[p][p];
            for (int i = 0; i < n; i++) {
                double[] row = z[i];
                double q = QualityModel.sigmoid(dot(beta, row));
                double residual = (q - y[i]) / n;
                double curvature = q * (1 - q) / n;
                for (int a = 0; a < p; a++) {
                    gradient[a] += residual * row[a];
                    double ca = curvature * row[a];
                    double[] h = hessian[a];
                    for (int b = a; b < p; b++) {
                        h[b] += ca * row[b];
                    }
                }
            }
            for (int a = 1; a < p; a++) {
                gradient[a] += l2[a - 1] * beta[a];
                hessian[a][a] += l2[a - 1];
            }
            hessian[0][0] += 1e-10; // keeps the bias row positive definite when every label is the same
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < a; b++) {
                    hessian[a][b] = hessian[b][a];
                }
            }
            double[] delta = solveCholesky(hessian, gradient);
            double largest = 0;
            for (int a = 0; a < p; a++) {
                beta[a] -= delta[a];
                largest = Math.max(largest, Math.abs(delta[a]));
            }
            if (largest < TOLERANCE) {
                break;
            }
        }
        double bias = beta[0];
        double[] weights = new double[d];
        for (int j = 0; j < d; j++) {
            weights[j] = beta[j + 1] / scale[j];
            bias -= weights[j] * mean[j];
        }
        return new Fit(bias, weights);
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** Solves {@code a·x = b} for a symmetric positive definite {@code a} (overwritten). */
    static double[] solveCholesky(double[][] a, double[] b) {
        int p = b.length;
        for (int j = 0; j < p; j++) {
            double diagonal = a[j][j];
            for (int k = 0; k < j; k++) {
                diagonal -= a[j][k] * a[j][k];
            }
            if (!(diagonal > 0)) {
                throw new ArithmeticException("matrix is not positive definite at column " + j);
            }
            double root = Math.sqrt(diagonal);
            a[j][j] = root;
            for (int i = j + 1; i < p; i++) {
                double sum = a[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= a[i][k] * a[j][k];
                }
                a[i][j] = sum / root;
            }
        }
        double[] x = b.clone();
        for (int i = 0; i < p; i++) {
            for (int k = 0; k < i; k++) {
                x[i] -= a[i][k] * x[k];
            }
            x[i] /= a[i][i];
        }
        for (int i = p - 1; i >= 0; i--) {
            for (int k = i + 1; k < p; k++) {
                x[i] -= a[k][i] * x[k];
            }
            x[i] /= a[i][i];
        }
        return x;
    }
}
