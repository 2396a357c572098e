// CMA-ES on noisy analytic functions whose optimum is known: it gets close, gives the same
// answer every time, and never proposes a point outside the unit box.

#include <catch2/catch.hpp>

#include <cmath>

#include "chokepoint/calibration/cmaes.hpp"
#include "chokepoint/random/stream.hpp"

namespace {

using namespace chokepoint;

// Noise from its own counter-based stream, so each test function is deterministic but the
// noise is independent of the search's draws (different seed).
class Noisy {
 public:
  Noisy(std::function<double(const Eigen::VectorXd&)> f, double noise)
      : f_(std::move(f)), noise_(noise) {}
  double operator()(const Eigen::VectorXd& x) {
    RandomStream stream(987654321, calls_++, 0, Purpose::Search);
    return f_(x) + noise_ * stream.normal();
  }

 private:
  std::function<double(const Eigen::VectorXd&)> f_;
  double noise_;
  std::uint64_t calls_ = 0;
};

double sphere_at(const Eigen::VectorXd& x, const Eigen::VectorXd& centre) {
  return (x - centre).squaredNorm();
}

// Rosenbrock on [-2, 2]^2 mapped onto the unit box: optimum u = (1, 1) at x = (0.75, 0.75).
double rosenbrock(const Eigen::VectorXd& x) {
  const double u1 = 4 * x[0] - 2, u2 = 4 * x[1] - 2;
  return (1 - u1) * (1 - u1) + 100 * (u2 - u1 * u1) * (u2 - u1 * u1);
}

CmaesSettings settings(std::vector<double> start, std::uint64_t seed = 3) {
  CmaesSettings s;
  s.start = std::move(start);
  s.sigma0 = 0.3;
  s.seed = seed;
  return s;
}

}  // namespace

TEST_CASE("reflection folds any number into the unit interval", "[calibration][cmaes]") {
  CHECK(reflect_into_unit(0.25) == 0.25);
  CHECK(reflect_into_unit(1.25) == 0.75);
  CHECK(reflect_into_unit(-0.25) == 0.25);
  CHECK(reflect_into_unit(2.5) == 0.5);
  CHECK(reflect_into_unit(-1.75) == Approx(0.25));
  CHECK(reflect_into_unit(1.0) == 1.0);
}

TEST_CASE("CMA-ES finds the centre of a noisy sphere", "[calibration][cmaes]") {
  Eigen::VectorXd centre(3);
  centre << 0.3, 0.6, 0.7;
  Noisy f([&](const Eigen::VectorXd& x) { return sphere_at(x, centre); }, 1e-3);
  const Eigen::VectorXd found = cmaes_minimise(std::ref(f), settings({0.9, 0.1, 0.2}), 80);
  INFO("found " << found.transpose());
  CHECK((found - centre).norm() < 0.03);
}

TEST_CASE("CMA-ES finds the valley's end of a noisy Rosenbrock function", "[calibration][cmaes]") {
  Noisy f(rosenbrock, 1e-2);
  const Eigen::VectorXd found = cmaes_minimise(std::ref(f), settings({0.2, 0.8}), 200);
  INFO("found " << found.transpose());
  CHECK(std::abs(found[0] - 0.75) < 0.03);
  CHECK(std::abs(found[1] - 0.75) < 0.03);
}

TEST_CASE("CMA-ES gives the same answer twice and another with another seed",
          "[calibration][cmaes]") {
  Eigen::VectorXd centre(2);
  centre << 0.4, 0.55;
  const auto run = [&](std::uint64_t seed) {
    Noisy f([&](const Eigen::VectorXd& x) { return sphere_at(x, centre); }, 1e-2);
    return Eigen::VectorXd(cmaes_minimise(std::ref(f), settings({0.1, 0.9}, seed), 15));
  };
  const Eigen::VectorXd first = run(5), second = run(5), other = run(6);
  CHECK(first == second);  // bit for bit
  CHECK(first != other);
}

TEST_CASE("CMA-ES keeps every candidate in the box, even with the optimum outside",
          "[calibration][cmaes]") {
  // The optimum (1.3, -0.2) lies outside: the best point of the box is its corner (1, 0).
  Eigen::VectorXd centre(2);
  centre << 1.3, -0.2;
  Cmaes cmaes(settings({0.5, 0.5}));
  bool inside = true;
  for (int g = 0; g < 60; ++g) {
    std::vector<double> objectives;
    for (const Eigen::VectorXd& x : cmaes.ask()) {
      inside = inside && (x.array() >= 0.0).all() && (x.array() <= 1.0).all();
      objectives.push_back(sphere_at(x, centre));
    }
    cmaes.tell(objectives);
  }
  CHECK(inside);
  INFO("mean " << cmaes.mean().transpose());
  CHECK(cmaes.mean()[0] > 0.97);
  CHECK(cmaes.mean()[1] < 0.03);
}

TEST_CASE("CMA-ES default population is 4 + floor(3 ln n)", "[calibration][cmaes]") {
  CHECK(Cmaes(settings({0.5})).population() == 4);
  CHECK(Cmaes(settings({0.5, 0.5, 0.5})).population() == 7);                // 4 + floor(3.30)
  CHECK(Cmaes(settings(std::vector<double>(10, 0.5))).population() == 10);  // 4 + floor(6.91)
}
