#!/usr/bin/env bash
# What a user's crate pays to compile: a crate that
# parses and writes every resource of the whole spec (each struct with an
# `object` tag), one call per type, either through serde
# (`serde_json::from_str::<T>` / `to_string`) or through the generated,
# non-generic `T::from_json` / `to_json` (the crates' `json` feature). The
# generated crates are built first, without and with `json`; then only the
# user crate is rebuilt, RUNS times each way, and the wall times are
# printed. See BENCHMARKS.md, "What a user's crate pays to compile".
#
#   bash codegen/benches/user-crate.sh          # release, RUNS=2
#
# Options (environment): PROFILE=release|dev, RUNS=n, WORK=dir,
# WAYS="serde entry" (the user crates to rebuild; both by default),
# REQUESTS=1 to keep the typed requests of spec/codegen-all.toml (off by
# default: the user crate calls only the models, and the requests double
# the build of the generated crates). With REQUESTS=1, WAYS may also name
# "ops-serde" and "ops-entry": a user crate that reads the answer of every
# operation (`Op::parse`), through serde or, with the crates' `json`
# feature, through the types' own readers.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=${WORK:-/tmp/stripe-user-crate}
profile=${PROFILE:-release}
runs=${RUNS:-2}
flag=$([ "$profile" = release ] && echo --release || true)
export CARGO_TERM_COLOR=never
rm -rf "$work/crates" && mkdir -p "$work"
config="$repo/spec/codegen-all.toml"
if [ "${REQUESTS:-0}" != 1 ]; then
  grep -v '^requests = ' "$config" >"$work/codegen-all.toml"
  config="$work/codegen-all.toml"
fi
(cd "$repo" && cargo xtask generate --all --config "$config" --out "$work/crates" >/dev/null)

python3 - "$work" "$repo" <<'PY'
import os, re, sys
work, repo = sys.argv[1], sys.argv[2]
crates = os.path.join(work, "crates")
# The resources (`impl T { ... pub fn from_json`) and the operations
# (`stripe_types::operation! { Op {`) in each crate's sources.
types, ops = [], []
for krate in sorted(os.listdir(crates)):
    src = os.path.join(crates, krate, "src")
    if not os.path.isdir(src):
        continue
    for f in sorted(os.listdir(src)):
        text = open(os.path.join(src, f)).read()
        name = krate.replace("-", "_")
        types += [(name, m.group(1)) for m in re.finditer(r"\nimpl (\w+) \{\n    /// Reads JSON text", text)]
        ops += [(name, m.group(1)) for m in re.finditer(r"\nstripe_types::operation! \{\n    (\w+) \{", text)]
def deps(way):
    # The entry points are behind each crate's `json` feature.
    features = ', features = ["json"]' if way.endswith("entry") else ""
    used = {k for k, _ in (ops if way.startswith("ops") else types)}
    # `stripe_types::Operation`, for `parse`.
    runtime = f'stripe-types = {{ path = "{repo}/codegen/types" }}\n' if way.startswith("ops") else ""
    return runtime + "".join(f'{k.replace("_", "-")} = {{ path = "../crates/{k.replace("_", "-")}"{features} }}\n' for k in sorted(used))
ways = ["serde", "entry"] + (["ops-serde", "ops-entry"] if ops else [])
for way in ways:
    d = os.path.join(work, f"user-{way}")
    os.makedirs(os.path.join(d, "src"), exist_ok=True)
    open(os.path.join(d, "Cargo.toml"), "w").write(
        f'[package]\nname = "user-{way}"\nversion = "0.0.0"\nedition = "2021"\n\n[dependencies]\nserde_json = "1"\n{deps(way)}')
    body = []
    if way.startswith("ops"):
        for k, op in ops:
            body.append(f"    n += usize::from(<{k}::{op} as stripe_types::Operation>::parse(200, body).is_ok());")
        open(os.path.join(d, "src", "lib.rs"), "w").write(
            "/// Reads `body` as the answer of every operation.\npub fn all(body: &[u8]) -> usize {\n    let mut n = 0;\n" + "\n".join(body) + "\n    n\n}\n")
        continue
    for i, (k, t) in enumerate(types):
        if way == "serde":
            body.append(f"    if let Ok(v) = serde_json::from_str::<{k}::{t}>(text) {{ n += serde_json::to_string(&v).map_or(0, |s| s.len()); }}")
        else:
            body.append(f"    if let Ok(v) = {k}::{t}::from_json(text) {{ n += v.to_json().map_or(0, |s| s.len()); }}")
    open(os.path.join(d, "src", "lib.rs"), "w").write(
        "/// Parses `text` as every resource and writes back what parses.\npub fn all(text: &str) -> usize {\n    let mut n = 0;\n" + "\n".join(body) + "\n    n\n}\n")
members = ", ".join(f'"user-{way}"' for way in ways)
open(os.path.join(work, "Cargo.toml"), "w").write(
    f'[workspace]\nresolver = "2"\nmembers = ["crates/stripe-*", {members}]\n\n[profile.dev.package."*"]\nopt-level = 1\n')
print(f"{len(types)} resources, {len(ops)} operations")
PY
rm -f "$work/crates/Cargo.toml"
cd "$work"
cargo build -q $flag -p stripe-types -p serde_json
timed() { # label, cargo build arguments
  local label=$1 start
  shift
  start=$(date +%s.%N)
  cargo build -q $flag "$@"
  echo "$label: $(echo "$(date +%s.%N) - $start" | bc) s"
}
users=$(for d in user-*; do echo --exclude "$d"; done)
timed "generated crates, no features" --workspace $users
# The `json` feature adds the entry points: built once, as a user's first build.
timed "generated crates with \`json\`, and user-entry once" -p user-entry
for way in ${WAYS:-serde entry}; do
  for run in $(seq "$runs"); do
    touch "user-$way/src/lib.rs"
    timed "user crate via $way, run $run" -p "user-$way"
  done
done
