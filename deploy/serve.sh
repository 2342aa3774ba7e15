#!/bin/sh
# The Dagster daemon (schedule, sensor, run queue) and the webserver for unattended runs: what
# `make serve` starts. Settings come from an environment file (template: deploy/vroegsignaal.env.example).
#   deploy/serve.sh [ENV_FILE]      default: vroegsignaal.env in the project folder, else the demo
# On a server, prefer the systemd units in this folder (restart on failure and after a reboot).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
env_file=${1:-}
if [ -n "$env_file" ] && [ ! -f "$env_file" ]; then
    echo "vroegsignaal serve: omgevingsbestand $env_file ontbreekt; maak het met" >&2
    echo "  cp deploy/vroegsignaal.env.example $env_file   (en vul de paden in)" >&2
    exit 2
fi
if [ -z "$env_file" ] && [ -f "$root/vroegsignaal.env" ]; then
    env_file=$root/vroegsignaal.env
fi
if [ -n "$env_file" ]; then
    set -a
    . "$env_file"
    set +a
else
    # A fresh clone without settings: the demo folders and the public demo key, as `make dev` does.
    echo "vroegsignaal serve: geen vroegsignaal.env, dus de demo (demo/landing -> demo/out, demosleutel)."
    echo "vroegsignaal serve: voor echte gegevens: cp deploy/vroegsignaal.env.example vroegsignaal.env"
    export VROEGSIGNAAL_LANDING="$root/demo/landing" VROEGSIGNAAL_OUT="$root/demo/out" VROEGSIGNAAL_DEMO=1
    # The demo's 24 months are already published by `make demo`: schedule and sensor start stopped.
    export VROEGSIGNAAL_AUTOMATISCH="${VROEGSIGNAAL_AUTOMATISCH:-0}"
    mkdir -p "$VROEGSIGNAAL_LANDING"
fi
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
