#pragma once

// CMA-ES, the covariance matrix adaptation evolution strategy (Hansen, "The CMA Evolution
// Strategy: A Tutorial", arXiv:1604.00772): (mu/mu_w, lambda) selection, rank-one and rank-mu
// covariance updates and cumulative step-size control, on the unit box [0,1]^n with
// reflection at its faces. Ask for a generation of candidates, evaluate them anywhere (in
// parallel), tell the objectives back in candidate order.
//
// Deterministic: candidate k of generation g draws its normal deviates from the counter-based
// streams keyed by (search seed, g, k, dimension), ties in the ranking are broken by candidate
// index, so the search is a pure function of its inputs and the objectives told.

#include <Eigen/Dense>
#include <cstdint>
#include <functional>
#include <vector>

namespace chokepoint {

struct CmaesSettings {
  std::vector<double> start;  // in [0,1]^n, n >= 1
  double sigma0 = 0.3;        // initial step size, in units of the box's width
  int population = 0;         // lambda; 0: 4 + floor(3 ln n)
  std::uint64_t seed = 1;     // the search seed
};

class Cmaes {
 public:
  explicit Cmaes(const CmaesSettings& settings);

  int dimension() const { return static_cast<int>(mean_.size()); }
  int population() const { return lambda_; }
  int generation() const { return generation_; }
  double sigma() const { return sigma_; }
  const Eigen::VectorXd& mean() const { return mean_; }
  const Eigen::MatrixXd& covariance() const { return c_; }

  // The candidates of the current generation, each in [0,1]^n. The same until tell().
  const std::vector<Eigen::VectorXd>& ask();
  // The objective of each candidate of ask(), in its order (lower is better; +inf allowed,
  // NaN counts as +inf). Updates the distribution and moves to the next generation.
  void tell(const std::vector<double>& objectives);

 private:
  void sample();

  int lambda_ = 0;
  int mu_ = 0;
  std::vector<double> weights_;
  double mueff_ = 0, cc_ = 0, cs_ = 0, c1_ = 0, cmu_ = 0, damps_ = 0, chi_n_ = 0;
  std::uint64_t seed_ = 1;
  int generation_ = 0;
  double sigma_ = 0.3;
  Eigen::VectorXd mean_, pc_, ps_;
  Eigen::MatrixXd c_, b_, invsqrt_c_;
  Eigen::VectorXd d_;
  std::vector<Eigen::VectorXd> candidates_;
  bool sampled_ = false;
};

// Runs `generations` generations on f (called once per candidate, in order) and returns the
// final mean. For tests and small problems; the calibration drives Cmaes itself.
Eigen::VectorXd cmaes_minimise(const std::function<double(const Eigen::VectorXd&)>& f,
                               const CmaesSettings& settings, int generations);

// x reflected into [0,1] at the faces (a mirror, repeated for far points).
double reflect_into_unit(double x);

}  // namespace chokepoint
