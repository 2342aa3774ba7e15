#!/bin/sh
# The Dagster daemon (schedule, sensor, run queue) and the webserver for unattended runs: what
# `make serve` starts. Settings come from an environment file (template: deploy/vroegsignaal.env.example).
#   deploy/serve.sh [ENV_FILE]      default: vroegsignaal.env in the project folder
# On a server, prefer the systemd units in this folder (restart on failure and after a reboot).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
env_file=${1:-$root/vroegsignaal.env}
if [ ! -f "$env_file" ]; then
    echo "vroegsignaal serve: omgevingsbestand $env_file ontbreekt; maak het met" >&2
    echo "  cp deploy/vroegsignaal.env.example vroegsignaal.env   (en vul de paden in)" >&2
    exit 2
fi
set -a
. "$env_file"
set +a
: "${VROEGSIGNAAL_OUT:?zet VROEGSIGNAAL_OUT in $env_file}"
export DAGSTER_HOME="${DAGSTER_HOME:-$VROEGSIGNAAL_OUT/dagster}"
export VROEGSIGNAAL_AUTOMATISCH="${VROEGSIGNAAL_AUTOMATISCH:-1}"
venv="$root/.venv/bin"
cd "$root"
"$venv/python" -m pipeline.serve
"$venv/dagster-daemon" run -m pipeline.definitions &
daemon=$!
trap 'kill "$daemon" 2>/dev/null || true' EXIT INT TERM
"$venv/dagster-webserver" -m pipeline.definitions -h "${VROEGSIGNAAL_HOST:-127.0.0.1}" -p "${VROEGSIGNAAL_PORT:-3000}"
