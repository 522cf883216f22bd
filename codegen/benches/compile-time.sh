#!/usr/bin/env bash
# Compile time of generated code, measured with cargo's own timings
# (`cargo build --timings`): every dependency is built first, then only the
# generated crates are cleaned and built again, so the figures are the
# generated code alone. See BENCHMARKS.md.
#
#   bash codegen/benches/compile-time.sh identity      # the checked-in crates' configuration
#   bash codegen/benches/compile-time.sh all           # cargo xtask generate --all
#   bash codegen/benches/compile-time.sh scaling       # roots: the first N schemas, N = 25 .. all
#   bash codegen/benches/compile-time.sh async-stripe  # async-stripe-misc 1.0.0-rc.10, its types alone
#   bash codegen/benches/compile-time.sh user          # a crate that parses and writes a session with each
#
# Options (environment): PROFILE=dev|release (dev), RUNS=n (3; the median
# and the range are reported), JOBS=n (1: one crate at a time, so that a
# crate's time is not stretched by another compiling beside it on the same
# cores), WORK=dir (/tmp/stripe-compile-time).
# Needs the pinned spec (`cargo xtask fetch-spec`) and python3 (to read
# cargo's timing report).
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
work=${WORK:-/tmp/stripe-compile-time}
profile=${PROFILE:-dev}
runs=${RUNS:-3}
jobs=${JOBS:-1}
export CARGO_TERM_COLOR=never
mkdir -p "$work"

profile_flag() { [ "$profile" = release ] && echo --release || true; }

# Sums the build time of the named packages in cargo's last timing report,
# and the wall time of the whole build.
read_timings() { # target_dir packages...
  python3 - "$@" <<'PY'
import json, re, sys, glob, os
target, names = sys.argv[1], set(sys.argv[2:])
report = max(glob.glob(os.path.join(target, "cargo-timings", "cargo-timing*.html")), key=os.path.getmtime)
html = open(report).read()
units = json.loads(re.search(r"const UNIT_DATA = (\[.*?\]);\n", html, re.S).group(1))
total = re.search(r"<td>Total time:</td><td>([\d.]+)s", html)
mine = [u for u in units if u["name"] in names]
print(json.dumps({
    "units": {u["name"]: round(u["duration"], 2) for u in mine},
    "sum": round(sum(u["duration"] for u in mine), 2),
    "wall": float(total.group(1)) if total else None,
}))
PY
}

# Builds the workspace at $1, then `runs` times: cleans the packages $2..
# and builds them again with --timings. Prints one JSON line per run.
measure() { # dir packages...
  local dir=$1; shift
  local target="$dir/target"
  (cd "$dir" && cargo build $(profile_flag) --quiet 2>&1 | tail -3) >&2
  for _ in $(seq "$runs"); do
    local clean=()
    for p in "$@"; do clean+=(-p "$p"); done
    (cd "$dir" && cargo clean $(profile_flag) "${clean[@]}" --quiet 2>/dev/null || cargo clean "${clean[@]}" --quiet)
    (cd "$dir" && cargo build $(profile_flag) --timings --quiet -j "$jobs" 2>&1 | { grep -v "Timing report" || true; } | tail -3) >&2
    read_timings "$target" "$@"
  done
}

# Median and range of the runs' "sum" (seconds of rustc per crate, added up).
summarize() { # label types lines
  python3 -c '
import json, sys
label, types, lines = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
runs = [json.loads(l) for l in sys.stdin if l.startswith("{")]
sums = sorted(r["sum"] for r in runs)
walls = sorted(r["wall"] for r in runs if r["wall"] is not None)
med = sums[len(sums) // 2]
print(json.dumps({"what": label, "profile": sys.argv[4], "jobs": sys.argv[5], "types": types, "lines": lines,
    "crate_seconds_median": med, "crate_seconds_min": sums[0], "crate_seconds_max": sums[-1],
    "wall_seconds_median": walls[len(walls) // 2] if walls else None,
    "ms_per_type": round(1000 * med / types, 2), "ms_per_1000_lines": round(1000 * med / lines * 1000, 1),
    "per_crate_last_run": runs[-1]["units"]}))
' "$1" "$2" "$3" "$profile" "$jobs"
}

# Types in generated sources: structs and enums (id aliases are not types).
count_types() { # dir
  grep -rhoE '^pub (struct|enum) ' --include='*.rs' "$1" | wc -l
}

# Lines of Rust, documentation included.
count_lines() { # dir [find args...]
  local dir=$1; shift
  find "$dir" -name '*.rs' -not -path '*/target/*' "$@" -exec cat {} + | wc -l
}

generated_crates() { # dir
  for c in "$1"/stripe-*/Cargo.toml; do basename "$(dirname "$c")"; done
}

# Generates with cargo xtask into $work/$1 and makes it a workspace.
generate() { # name [xtask generate args...]
  local name=$1; shift
  local dir="$work/$name"
  rm -rf "$dir/src-gen"
  (cd "$repo" && cargo xtask generate "$@" --out "$dir/src-gen" >/dev/null)
  # A workspace around the crates (the --all output has one already).
  if [ ! -f "$dir/src-gen/Cargo.toml" ]; then
    printf '[workspace]\nresolver = "2"\nmembers = ["stripe-*"]\n' > "$dir/src-gen/Cargo.toml"
  fi
  echo "$dir/src-gen"
}

run_generated() { # label name [xtask generate args...]
  local label=$1; shift
  local name=$1
  local dir
  dir=$(generate "$@")
  # One target directory per configuration, kept between runs, so the
  # dependencies build once.
  mkdir -p "$work/$name-target"
  rm -rf "$dir/target"
  ln -s "$work/$name-target" "$dir/target"
  # shellcheck disable=SC2046
  measure "$dir" $(generated_crates "$dir") |
    summarize "$label" "$(count_types "$dir")" "$(count_lines "$dir")"
}

# Roots whose closures (the schemas they reach through $ref) add up to
# about n schemas: the schemas with the smallest closures first. Stripe's
# resources reach most of the spec, so the first n names would not scale.
scaling_config() { # n file
  python3 - "$repo" "$1" "$2" <<'PY'
import json, sys, tomllib
repo, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
# The whole spec pinned for `generate --all` (`all` in spec/pins.toml).
version = tomllib.load(open(repo + "/spec/pins.toml", "rb"))["all"]
spec = json.load(open(repo + "/spec/cache/spec3." + version + ".json"))
schemas = spec["components"]["schemas"]
def refs(node, out):
    if isinstance(node, dict):
        r = node.get("$ref")
        if isinstance(r, str) and r.startswith("#/components/schemas/"):
            out.add(r.rsplit("/", 1)[1])
        for v in node.values():
            refs(v, out)
    elif isinstance(node, list):
        for v in node:
            refs(v, out)
direct = {}
for name, schema in schemas.items():
    direct[name] = set()
    refs(schema, direct[name])
def closure(name):
    seen, todo = {name}, [name]
    while todo:
        for r in direct.get(todo.pop(), ()):
            if r not in seen:
                seen.add(r)
                todo.append(r)
    return seen
sizes = sorted((len(closure(s)), s) for s in schemas)
roots, reached = [], set()
for size, name in sizes:
    if len(reached) >= n:
        break
    if len(reached | closure(name)) > n * 1.1 and reached:
        continue
    roots.append(name)
    reached |= closure(name)
with open(out, "w") as f:
    f.write("roots = %s\n\n[[crate]]\nname = \"stripe-scaling\"\ndefault = true\n" % json.dumps(roots))
print(len(reached), file=sys.stderr)
PY
}

case "${1:-}" in
  identity)
    run_generated "identity (spec/codegen.toml)" identity
    ;;
  all)
    run_generated "whole spec (--all)" all --all
    ;;
  scaling)
    # The whole spec pinned for `generate --all`, as the roots come from it.
    whole="$repo/spec/cache/spec3.$(python3 -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["all"])' "$repo/spec/pins.toml").json"
    # One crate each, so that only the number of types changes.
    for n in ${SIZES:-50 150 400}; do
      scaling_config "$n" "$work/scaling-$n.toml"
      run_generated "about $n schemas, one crate" "scaling-$n" --spec "$whole" --config "$work/scaling-$n.toml"
    done
    # The whole spec in one crate.
    printf 'roots = ["*"]\n\n[[crate]]\nname = "stripe-scaling"\ndefault = true\n' > "$work/scaling-all.toml"
    run_generated "the whole spec, one crate" scaling-all --spec "$whole" --config "$work/scaling-all.toml"
    ;;
  async-stripe)
    dir="$work/async-stripe"
    mkdir -p "$dir/src"
    features=${ASYNC_STRIPE_FEATURES-deserialize,serialize}
    cat > "$dir/Cargo.toml" <<TOML
[package]
name = "async-stripe-compile-time"
version = "0.0.0"
edition = "2021"
publish = false

[workspace]

[dependencies]
async-stripe-misc = { version = "=1.0.0-rc.10", default-features = false, features = [$(echo "$features" | sed 's/[^,][^,]*/"&"/g')] }
TOML
    echo "" > "$dir/src/lib.rs"
    (cd "$dir" && cargo fetch --quiet)
    src=$(cd "$dir" && cargo metadata --format-version 1 | python3 -c '
import json, sys, os
m = json.load(sys.stdin)
print(next(os.path.dirname(p["manifest_path"]) for p in m["packages"] if p["name"] == "async-stripe-misc"))')
    # Its types: the files that are compiled without request features
    # (requests.rs is behind per-resource features).
    # Not its `pub struct ...Builder`s: deserialization state, one per struct.
    types=$(grep -rhoE '^pub (struct|enum) \w+' --include='*.rs' --exclude=requests.rs "$src/src" | grep -vc 'Builder$')
    measure "$dir" async-stripe-misc |
      summarize "async-stripe-misc 1.0.0-rc.10 [$features]" "$types" "$(count_lines "$src/src" -not -name requests.rs)"
    ;;
  user)
    # The cost that generic (de)serialization code moves into the crate
    # that uses it: one function that parses an IdentityVerificationSession
    # from JSON and one that writes it, with our types (serde_json) and with
    # async-stripe's (serde_json, and miniserde for parsing). Only the user
    # crate is cleaned and rebuilt. `value` is the same crate for
    # serde_json::Value: what any use of serde_json costs.
    for who in value generated async-stripe-serde async-stripe-miniserde; do
      dir="$work/user-$who"
      mkdir -p "$dir/src"
      case $who in
        value) # the baseline: the same two functions for serde_json::Value
          dep=""
          ty="serde_json::Value"
          parse="serde_json::from_str(json).ok()" ;;
        generated)
          dep="stripe-identity = { path = \"$repo/generated/stripe-identity\" }"
          ty="stripe_identity::IdentityVerificationSession"
          parse="serde_json::from_str(json).ok()" ;;
        async-stripe-serde)
          dep='async-stripe-misc = { version = "=1.0.0-rc.10", features = ["deserialize", "serialize"] }'
          ty="stripe_misc::IdentityVerificationSession"
          parse="serde_json::from_str(json).ok()" ;;
        async-stripe-miniserde)
          dep='async-stripe-misc = { version = "=1.0.0-rc.10", features = ["serialize"] }
miniserde = "0.1.34"'
          ty="stripe_misc::IdentityVerificationSession"
          parse="miniserde::json::from_str(json).ok()" ;;
      esac
      cat > "$dir/Cargo.toml" <<TOML
[package]
name = "user-$who"
version = "0.0.0"
edition = "2021"
publish = false

[workspace]

[dependencies]
serde_json = "1"
$dep
TOML
      cat > "$dir/src/lib.rs" <<RS
pub fn parse(json: &str) -> Option<$ty> {
    $parse
}

pub fn write(session: &$ty) -> String {
    serde_json::to_string(session).unwrap_or_default()
}
RS
      measure "$dir" "user-$who" | summarize "a crate parsing and writing a session: $who" 1 "$(count_lines "$dir/src")"
    done
    ;;
  *)
    sed -n '2,18p' "$0"
    exit 2
    ;;
esac
