#!/usr/bin/env bash
# A sweep as a Slurm job array: each array task runs its share of the runs (run i goes to task
# i mod N), and whichever task finishes last writes the summary. Resubmitting the same array
# after a time-out skips finished runs.
#
#   sbatch --array=0-15 tools/slurm/sweep_array.sh scenarios/sweeps/enforcement_grid.yaml
#
# Each task reads SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_MIN and SLURM_ARRAY_TASK_COUNT, so
# the share needs no arguments. If tasks were cancelled, `chokepoint sweep FILE --collect`
# writes the summary once every run is done.
#SBATCH --job-name=chokepoint-sweep
#SBATCH --cpus-per-task=4
#SBATCH --mem-per-cpu=2G
#SBATCH --time=02:00:00
#SBATCH --output=results/slurm-%A_%a.out
set -euo pipefail
sweep=${1:?usage: sbatch --array=0-N tools/slurm/sweep_array.sh SWEEP.yaml}
chokepoint=${CHOKEPOINT:-build/release/chokepoint}
exec "$chokepoint" sweep "$sweep" --threads "${SLURM_CPUS_PER_TASK:-1}" --quiet
