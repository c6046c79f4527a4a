#!/usr/bin/env bash
# Parameter sweep from the shell: one offline paper run per stop-loss value, each in its own database, then the
# final equity of each read back with `ottertrend status --json` and ranked with jq.
#
#   examples/scripts/sweep.sh [cycles] [seed] [stop-loss values...]
#   examples/scripts/sweep.sh 60 7 0.02 0.03 0.05
#
# OTTERTREND (default: the launcher at the repository root) is the command to run; WORKDIR (default: a fresh
# temporary folder) is where the databases go. Prints one JSON object per line, best final equity first.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ottertrend=${OTTERTREND:-"$here/../../ottertrend"}
cycles=${1:-60}
seed=${2:-7}
shift $(( $# >= 2 ? 2 : $# ))
values=("$@")
[ ${#values[@]} -gt 0 ] || values=(0.02 0.03 0.05)
command -v jq >/dev/null || { echo "sweep.sh: jq is required (apt-get install jq)" >&2; exit 2; }
work=${WORKDIR:-$(mktemp -d)}

for sl in "${values[@]}"; do
  db="$work/sweep-$sl.db"
  $ottertrend paper --market synthetic --cycles "$cycles" --seed "$seed" --plain --db "$db" \
    --set "RISK_STOP_LOSS_PCT=$sl" >/dev/null
  $ottertrend status --db "$db" --json \
    | jq -c --arg sl "$sl" '{stop_loss: ($sl | tonumber), final_equity: (.equity.equity | tonumber),
                             trades_today: .today.trades, status: .runs[0].status}'
done | jq -s -c 'sort_by(-.final_equity) | .[]'
