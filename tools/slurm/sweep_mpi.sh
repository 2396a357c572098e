#!/usr/bin/env bash
# A sweep as one MPI job: rank 0 hands out runs one at a time to every rank's workers as they
# free up, so long and short runs balance across nodes. Resubmitting after a time-out skips
# finished runs.
#
#   sbatch --nodes=4 tools/slurm/sweep_mpi.sh scenarios/sweeps/enforcement_grid.yaml
#
# One rank per node, each using the node's cores for several runs at once (--threads).
#SBATCH --job-name=chokepoint-sweep-mpi
#SBATCH --ntasks-per-node=1
#SBATCH --cpus-per-task=32
#SBATCH --time=04:00:00
#SBATCH --output=results/slurm-%j.out
set -euo pipefail
sweep=${1:?usage: sbatch --nodes=N tools/slurm/sweep_mpi.sh SWEEP.yaml}
chokepoint=${CHOKEPOINT:-build/release/chokepoint}
# srun starts the ranks under Slurm's PMI; `mpirun` works as well on OpenMPI clusters.
exec srun "$chokepoint" sweep "$sweep" --threads "${SLURM_CPUS_PER_TASK:-1}"
