#!/usr/bin/env bash
# A real Slurm runs a sweep as `sparksim sweep --emit slurm` writes it, and the merged
# folder must be byte-identical to a local `sparksim sweep` of the same file.
#
# Installs Debian's slurm-wlm and munge when absent, writes a one-node slurm.conf for this
# machine (its CPUs and memory) in a temporary folder, starts munged (as the munge user,
# unless one is already running), slurmctld and slurmd on localhost, submits the emitted
# job array (36 runs, 4 slices, at most 2 at once) and its merge job, waits for the merge,
# compares, and stops every daemon it started by its process id, also when it fails.
# The last line: `slurm sweep: identical to local (<runs> runs, <slices> slices)`.
# Usage: scripts/test-slurm.sh PATH-TO-SPARKSIM
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$(cd "$(dirname "${1:?usage: scripts/test-slurm.sh PATH-TO-SPARKSIM}")" && pwd)/$(basename "$1")"
slices=4

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null \
   || ! command -v munged >/dev/null; then
  echo "test-slurm: installing slurm-wlm and munge (apt-get)" >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q slurm-wlm munge >/dev/null
fi
[ "$(id -u)" = 0 ] || { echo "test-slurm: slurmd must run as root here (no systemd); run as root" >&2; exit 1; }

work="$(mktemp -d /tmp/sparksim-slurm.XXXXXX)"
chmod 755 "$work"
pids=()
cleanup() {
  status=$?
  for pid in "${pids[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]:-}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT

# munge: the key Debian's package made; a daemon of our own unless one answers already.
if ! munge -n >/dev/null 2>&1; then
  [ -f /etc/munge/munge.key ] || { mkdir -p /etc/munge; dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 2>/dev/null;
                                   chown munge:munge /etc/munge/munge.key; chmod 400 /etc/munge/munge.key; }
  mkdir -p /run/munge /var/lib/munge /var/log/munge && chown munge:munge /run/munge /var/lib/munge /var/log/munge
  mkdir -p "$work/munge" && chown munge:munge "$work/munge"
  runuser -u munge -- /usr/sbin/munged --pid-file="$work/munge/munged.pid"
  for _ in $(seq 1 50); do [ -s "$work/munge/munged.pid" ] && break; sleep 0.1; done
  [ -s "$work/munge/munged.pid" ] || { echo "test-slurm: munged did not start" >&2; exit 1; }
  pids+=("$(cat "$work/munge/munged.pid")")
  munge -n >/dev/null || { echo "test-slurm: munged does not answer" >&2; exit 1; }
fi

cpus="$(nproc)"
memory="$(awk '/MemTotal/ {print int($2 / 1024 * 0.8)}' /proc/meminfo)"
mkdir -p "$work/state" "$work/spool" "$work/out" "$work/local"
cat > "$work/slurm.conf" <<CONF
ClusterName=sparksim-test
SlurmctldHost=localhost
SlurmctldPort=16817
SlurmdPort=16818
SlurmUser=root
AuthType=auth/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU_Memory
ReturnToService=2
MpiDefault=none
JobCompType=jobcomp/none
NodeName=localhost CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=test Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$work/slurm.conf"
/usr/sbin/slurmctld -f "$SLURM_CONF"
for _ in $(seq 1 100); do [ -s "$work/slurmctld.pid" ] && break; sleep 0.1; done
pids+=("$(cat "$work/slurmctld.pid")")
/usr/sbin/slurmd -f "$SLURM_CONF"
for _ in $(seq 1 100); do [ -s "$work/slurmd.pid" ] && break; sleep 0.1; done
pids+=("$(cat "$work/slurmd.pid")")
for _ in $(seq 1 300); do
  state="$(sinfo -h -n localhost -o %t 2>/dev/null || true)"
  case "$state" in idle*|mix*|alloc*) break ;; esac
  sleep 0.2
done
case "$state" in idle*|mix*|alloc*) ;; *) echo "test-slurm: node not up (state '$state')" >&2; tail -5 "$work/slurmctld.log" >&2; exit 1 ;; esac

# A small sweep: 2 x 3 points x 6 seeds = 36 runs of a short scripted job.
cat > "$work/slurm-sweep.yaml" <<'YAML'
name: slurm-sweep
seed: 1
cluster: {racks: 2, hosts_per_rack: 2, executors_per_host: 1, executor: {cores: 2, memory: 4g}, cpu: {variation: 0.2}}
spark: {spark.locality.wait: 1s}
workload:
  kind: scripted
  jobs:
    - name: etl
      stages:
        - {name: read, tasks: 16, duration: 2s, output_bytes: 256MiB}
        - {name: join, parents: [read], tasks: 8, duration: 1s}
sweep:
  parameters:
    cluster.racks: [1, 2]
    spark.locality.wait: [0s, 1s, 3s]
  seeds: 6
YAML
"$bin" sweep "$work/slurm-sweep.yaml" --emit slurm --slices "$slices" --parallel 2 --out "$work/out" >/dev/null
ids="$("$work/out/slurm-sweep/slurm/submit.sh")"
merge="${ids##* }"
for _ in $(seq 1 1800); do
  state="$(sacct -n -X -j "$merge" -o State 2>/dev/null | head -1 | tr -d ' ' || true)"
  [ -z "$state" ] && state="$(scontrol show job "$merge" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p')"
  case "$state" in COMPLETED|FAILED|CANCELLED*|TIMEOUT|OUT_OF_MEMORY|NODE_FAIL|DEPENDENCY_NEVER_SATISFIED) break ;; esac
  reason="$(scontrol show job "$merge" 2>/dev/null | sed -n 's/.*Reason=\([A-Za-z_]*\).*/\1/p')"
  [ "$reason" = "DependencyNeverSatisfied" ] && { state="DEPENDENCY_NEVER_SATISFIED"; break; }
  sleep 0.5
done
if [ "$state" != "COMPLETED" ]; then
  echo "test-slurm: merge job $merge ended $state" >&2
  cat "$work/out/slurm-sweep/slurm/logs/"*.out >&2 2>/dev/null || true
  exit 1
fi
"$bin" sweep "$work/slurm-sweep.yaml" --out "$work/local" >/dev/null 2>&1
diff -r -x slurm "$work/local/slurm-sweep" "$work/out/slurm-sweep" >&2 \
  || { echo "test-slurm: the Slurm sweep differs from the local one" >&2; exit 1; }
runs="$(ls "$work/out/slurm-sweep/runs" | wc -l)"
echo "slurm sweep: identical to local ($runs runs, $slices slices)"
