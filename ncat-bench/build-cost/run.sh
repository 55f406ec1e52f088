#!/usr/bin/env bash
# The cost of building a bot: a minimal echo bot on ncat against the same
# bot hand-written on tokio-tungstenite (+ reqwest) + serde_json, each a
# clean debug build in a scratch crate of its own, one after another.
#
#   ncat-bench/build-cost/run.sh            # the four builds of both pairs
#   ncat-bench/build-cost/run.sh ws         # the WebSocket-only pair
#   ncat-bench/build-cost/run.sh tls        # ncat ws-only on each crypto provider
#
# Prints, per build: wall and CPU seconds (`/usr/bin/time`) and how many
# crates cargo compiled. CPU seconds and crate counts are the steady
# figures on a shared machine. Not run in CI: four clean builds take
# minutes. Needs /usr/bin/time (Debian: `apt-get install time`).
#
# The pairs, with the same TLS: rustls with the ring provider (ncat's
# default); reqwest's own `rustls` feature adds aws-lc-rs to the
# hand-written default bot, as a hand-written bot gets it:
#   default  ncat-api default features (http, ws, rustls)
#            vs tokio-tungstenite + reqwest (rustls) + serde_json
#   ws       ncat-api `ws` + `rustls`
#            vs tokio-tungstenite (rustls) + serde_json
# and, for choosing the default provider (`tls`): ncat-api `ws` with
# `rustls-ring` against `ws` with `rustls-aws-lc-rs`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
workspace="$(cd "$here/../.." && pwd)"
only="${1:-}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

# One clean build of the crate in $1; prints a table row named $2.
build() {
    local dir="$1" name="$2"
    (cd "$dir" && cargo generate-lockfile --quiet)
    # The workspace's lock pins the versions the ncat bot builds with.
    if grep -q ncat-api "$dir/Cargo.toml"; then
        cp "$workspace/Cargo.lock" "$dir/Cargo.lock"
    fi
    local log="$scratch/$name.log"
    CARGO_TARGET_DIR="$dir/target" CARGO_INCREMENTAL=0 \
        /usr/bin/time -f "%e %U %S" -o "$scratch/$name.time" \
        cargo build --manifest-path "$dir/Cargo.toml" >"$log" 2>&1
    local crates wall cpu
    crates="$(grep -c '^ *Compiling ' "$log")"
    read -r wall user sys <"$scratch/$name.time"
    cpu="$(echo "$user + $sys" | bc)"
    printf '| %s | %s | %s | %s |\n' "$name" "$wall" "$cpu" "$crates"
}

# A crate in $scratch/$1 with the dependencies in $2 and main.rs $3.
bot() {
    local dir="$scratch/$1"
    mkdir -p "$dir/src"
    printf '[package]\nname = "%s"\nversion = "0.0.0"\nedition = "2024"\n\n[dependencies]\n%s\n' \
        "$1" "$2" >"$dir/Cargo.toml"
    cp "$here/$3" "$dir/src/main.rs"
    echo "$dir"
}

tokio='tokio = { version = "1", features = ["macros", "rt-multi-thread"] }'
ncat_default="ncat-api = { path = \"$workspace/ncat-api\" }
$tokio"
ncat_ws="ncat-api = { path = \"$workspace/ncat-api\", default-features = false, features = [\"ws\", \"rustls\"] }
$tokio"
ncat_ws_aws_lc="ncat-api = { path = \"$workspace/ncat-api\", default-features = false, features = [\"ws\", \"rustls-aws-lc-rs\"] }
$tokio"
hand_ws="tokio-tungstenite = { version = \"0.29\", features = [\"rustls-tls-webpki-roots\"] }
rustls = { version = \"0.23\", default-features = false, features = [\"ring\", \"std\", \"tls12\"] }
futures-util = { version = \"0.3\", default-features = false, features = [\"sink\"] }
serde = { version = \"1\", features = [\"derive\"] }
serde_json = \"1\"
$tokio"
hand_default="$hand_ws
reqwest = { version = \"0.13\", default-features = false, features = [\"rustls\", \"json\"] }"

echo "| clean debug build | wall s | CPU s | crates compiled |"
echo "|---|--:|--:|--:|"
if [[ "$only" == tls ]]; then
    build "$(bot ncat-ws "$ncat_ws" ncat_bot.rs)" "ncat, ws + rustls-ring"
    build "$(bot ncat-ws-aws-lc "$ncat_ws_aws_lc" ncat_bot.rs)" "ncat, ws + rustls-aws-lc-rs"
    exit 0
fi
if [[ "$only" != ws ]]; then
    build "$(bot ncat-default "$ncat_default" ncat_bot.rs)" "ncat, default features"
    build "$(bot hand-default "$hand_default" hand_bot.rs)" "hand-written, WebSocket + reqwest"
fi
build "$(bot ncat-ws "$ncat_ws" ncat_bot.rs)" "ncat, ws + rustls"
build "$(bot hand-ws "$hand_ws" hand_bot.rs)" "hand-written, WebSocket only"
