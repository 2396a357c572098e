#include "chokepoint/calibration/cmaes.hpp"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "chokepoint/random/stream.hpp"

namespace chokepoint {

namespace {

// Stream for one coordinate of one candidate: agent field = candidate * 2^16 + dimension.
constexpr std::uint64_t kDimensionsPerCandidate = 1u << 16;

// The step size never grows past the box: beyond that, reflection makes samples uniform-ish
// and the adaptation would only chase noise.
constexpr double kMaxSigma = 1.0;

}  // namespace

double reflect_into_unit(double x) {
  if (!std::isfinite(x)) return 0.5;
  // Period 2: [0,1] forwards, [1,2] backwards.
  double r = std::fmod(x, 2.0);
  if (r < 0.0) r += 2.0;
  return r <= 1.0 ? r : 2.0 - r;
}

Cmaes::Cmaes(const CmaesSettings& settings) : seed_(settings.seed), sigma_(settings.sigma0) {
  const auto n = static_cast<int>(settings.start.size());
  if (n < 1) throw std::invalid_argument("CMA-ES needs at least one dimension");
  if (n >= static_cast<int>(kDimensionsPerCandidate))
    throw std::invalid_argument("CMA-ES: too many dimensions");
  if (!(settings.sigma0 > 0.0)) throw std::invalid_argument("CMA-ES: sigma0 must be > 0");
  const double nd = n;
  lambda_ = settings.population > 0 ? settings.population
                                    : 4 + static_cast<int>(std::floor(3.0 * std::log(nd)));
  if (lambda_ < 2) throw std::invalid_argument("CMA-ES: the population must be at least 2");
  mu_ = lambda_ / 2;
  // Log-linear recombination weights over the best mu (tutorial eq. 49, positive part).
  double sum = 0.0, squares = 0.0;
  for (int i = 0; i < mu_; ++i) {
    weights_.push_back(std::log((lambda_ + 1) / 2.0) - std::log(i + 1.0));
    sum += weights_.back();
  }
  for (double& w : weights_) {
    w /= sum;
    squares += w * w;
  }
  mueff_ = 1.0 / squares;
  // Default strategy parameters (tutorial, Table 1).
  cc_ = (4.0 + mueff_ / nd) / (nd + 4.0 + 2.0 * mueff_ / nd);
  cs_ = (mueff_ + 2.0) / (nd + mueff_ + 5.0);
  c1_ = 2.0 / ((nd + 1.3) * (nd + 1.3) + mueff_);
  cmu_ = std::min(1.0 - c1_, 2.0 * (mueff_ - 2.0 + 1.0 / mueff_) / ((nd + 2) * (nd + 2) + mueff_));
  damps_ = 1.0 + 2.0 * std::max(0.0, std::sqrt((mueff_ - 1.0) / (nd + 1.0)) - 1.0) + cs_;
  chi_n_ = std::sqrt(nd) * (1.0 - 1.0 / (4.0 * nd) + 1.0 / (21.0 * nd * nd));
  mean_ = Eigen::VectorXd(n);
  for (int i = 0; i < n; ++i)
    mean_[i] = std::clamp(settings.start[static_cast<std::size_t>(i)], 0.0, 1.0);
  pc_ = Eigen::VectorXd::Zero(n);
  ps_ = Eigen::VectorXd::Zero(n);
  c_ = Eigen::MatrixXd::Identity(n, n);
  b_ = Eigen::MatrixXd::Identity(n, n);
  invsqrt_c_ = Eigen::MatrixXd::Identity(n, n);
  d_ = Eigen::VectorXd::Ones(n);
}

void Cmaes::sample() {
  const int n = dimension();
  candidates_.clear();
  for (int k = 0; k < lambda_; ++k) {
    Eigen::VectorXd z(n);
    for (int i = 0; i < n; ++i) {
      RandomStream stream(
          seed_,
          static_cast<std::uint64_t>(k) * kDimensionsPerCandidate + static_cast<std::uint64_t>(i),
          static_cast<std::uint32_t>(generation_), Purpose::CalibrationSample);
      z[i] = stream.normal();
    }
    Eigen::VectorXd x = mean_ + sigma_ * (b_ * d_.cwiseProduct(z));
    for (int i = 0; i < n; ++i)
      x[i] = reflect_into_unit(x[i]);
    candidates_.push_back(std::move(x));
  }
  sampled_ = true;
}

const std::vector<Eigen::VectorXd>& Cmaes::ask() {
  if (!sampled_) sample();
  return candidates_;
}

void Cmaes::tell(const std::vector<double>& objectives) {
  ask();
  if (objectives.size() != candidates_.size())
    throw std::invalid_argument("CMA-ES: one objective per candidate expected");
  const int n = dimension();
  const double nd = n;
  std::vector<int> order(static_cast<std::size_t>(lambda_));
  std::iota(order.begin(), order.end(), 0);
  const auto key = [&](int k) {
    const double f = objectives[static_cast<std::size_t>(k)];
    return std::isnan(f) ? std::numeric_limits<double>::infinity() : f;
  };
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return key(a) < key(b); });

  const Eigen::VectorXd old_mean = mean_;
  // The reflected candidates are what was evaluated, so they are what the update learns from.
  mean_ = Eigen::VectorXd::Zero(n);
  for (int i = 0; i < mu_; ++i)
    mean_ +=
        weights_[static_cast<std::size_t>(i)] * candidates_[static_cast<std::size_t>(order[i])];
  const Eigen::VectorXd step = (mean_ - old_mean) / sigma_;

  ps_ = (1.0 - cs_) * ps_ + std::sqrt(cs_ * (2.0 - cs_) * mueff_) * (invsqrt_c_ * step);
  const double ps_norm = ps_.norm();
  const double decay = 1.0 - std::pow(1.0 - cs_, 2.0 * (generation_ + 1));
  const bool hsig = ps_norm / std::sqrt(decay) / chi_n_ < 1.4 + 2.0 / (nd + 1.0);
  pc_ = (1.0 - cc_) * pc_ + (hsig ? std::sqrt(cc_ * (2.0 - cc_) * mueff_) : 0.0) * step;

  Eigen::MatrixXd rank_mu = Eigen::MatrixXd::Zero(n, n);
  for (int i = 0; i < mu_; ++i) {
    const Eigen::VectorXd y = (candidates_[static_cast<std::size_t>(order[i])] - old_mean) / sigma_;
    rank_mu += weights_[static_cast<std::size_t>(i)] * (y * y.transpose());
  }
  const double lost = hsig ? 0.0 : c1_ * cc_ * (2.0 - cc_);
  c_ = (1.0 - c1_ - cmu_ + lost) * c_ + c1_ * (pc_ * pc_.transpose()) + cmu_ * rank_mu;
  c_ = 0.5 * (c_ + c_.transpose());  // exactly symmetric before the decomposition

  sigma_ = std::min(kMaxSigma, sigma_ * std::exp((cs_ / damps_) * (ps_norm / chi_n_ - 1.0)));

  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(c_);
  b_ = eigen.eigenvectors();
  // Tiny negative eigenvalues from rounding would make the square root NaN.
  d_ = eigen.eigenvalues().cwiseMax(1e-20).cwiseSqrt();
  invsqrt_c_ = b_ * d_.cwiseInverse().asDiagonal() * b_.transpose();

  ++generation_;
  sampled_ = false;
}

Eigen::VectorXd cmaes_minimise(const std::function<double(const Eigen::VectorXd&)>& f,
                               const CmaesSettings& settings, int generations) {
  Cmaes cmaes(settings);
  for (int g = 0; g < generations; ++g) {
    std::vector<double> objectives;
    for (const Eigen::VectorXd& x : cmaes.ask())
      objectives.push_back(f(x));
    cmaes.tell(objectives);
  }
  return cmaes.mean();
}

}  // namespace chokepoint
