#!/usr/bin/env bash
# The local quickstart: the operator doing its whole job on this machine, on loopback, with nothing in the cloud.
#
#   scripts/quickstart.sh [start]  provision (idempotent), build the jar if needed, start etcd, kube-apiserver
#                                  and the AWS emulator (moto), seed demo secrets into the four stores (Fidelius
#                                  table, Secrets Manager, Parameter Store, S3) of three emulated accounts, install the chart's CRDs and RBAC,
#                                  run the operator jar as the chart's ServiceAccount, apply examples/, wait
#                                  until every FideliusSecret is Ready, time one rotation arriving through
#                                  change events (the Fidelius table's stream) and show the result
#   scripts/quickstart.sh rotate   write new versions of two demo secrets and watch the Secrets follow
#   scripts/quickstart.sh status   what runs, and where
#   scripts/quickstart.sh stop     stop everything the quickstart started
#
# State lives in .quickstart/ (FIDELIUS_QUICKSTART_DIR moves it): kubeconfig, env (to source), logs/, the
# rendered chart, the adapted examples. FIDELIUS_QUICKSTART_BUILD=auto (default: build when the jar is missing
# or older than the sources), always or never.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
STATE=${FIDELIUS_QUICKSTART_DIR:-$ROOT/.quickstart}
BUILD=${FIDELIUS_QUICKSTART_BUILD:-auto}
K8S_VERSION=${FIDELIUS_K8S_VERSION:-1.20.2}
BIN=${KUBE_API_TEST_DIR:-$HOME/.kubeapitest}/k8s/${K8S_VERSION}-linux-amd64
RELEASE=fidelius-operator
OPERATOR_NAMESPACE=fidelius-system
JAR=$ROOT/operator/target/fidelius-operator.jar
TOOL_CLASSPATH=$ROOT/e2e/target/quickstart.classpath
TOOL_CLASSES=$ROOT/e2e/target/test-classes
TOOL_CLASS=dev.fidelius.e2e.quickstart.QuickstartTool
READY_TIMEOUT=${FIDELIUS_QUICKSTART_TIMEOUT:-120}
# Stopped in this order: the operator first, etcd last.
SERVERS=(operator moto kube-apiserver etcd)

log() { printf '[quickstart] %s\n' "$*" >&2; }
die() { printf '[quickstart] ERROR: %s\n' "$*" >&2; exit 1; }
elapsed() { echo "$((SECONDS - START))s"; }

kubectl() { "$BIN/kubectl" --kubeconfig "$STATE/kubeconfig" "$@"; }

tool() {
  java -cp "$TOOL_CLASSES:$(cat "$TOOL_CLASSPATH")" -Dfidelius.project.root="$ROOT" "$TOOL_CLASS" "$@"
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# --- processes ---------------------------------------------------------------------------------------------
# Each server runs in its own session (setsid), so stopping it stops its whole process group. The pid file
# holds the pid and a marker that must appear in the process's command line: a reused pid is never killed.

pid_of() { sed -n 1p "$STATE/run/$1.pid" 2>/dev/null || true; }

running() {
  local name=$1 pid marker
  pid=$(pid_of "$name")
  marker=$(sed -n 2p "$STATE/run/$name.pid" 2>/dev/null || true)
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$marker"
}

# spawn NAME MARKER COMMAND...: starts COMMAND in the background, output to logs/NAME.log.
spawn() {
  local name=$1 marker=$2
  shift 2
  setsid "$@" >>"$STATE/logs/$name.log" 2>&1 </dev/null &
  local pid=$!
  printf '%s\n%s\n' "$pid" "$marker" >"$STATE/run/$name.pid"
  # Until the child has exec'd its command, its command line is this script's: wait for that moment.
  for _ in $(seq 1 100); do
    if running "$name" || ! kill -0 "$pid" 2>/dev/null; then break; fi
    sleep 0.05
  done
}

stop_one() {
  local name=$1 pid
  pid=$(pid_of "$name")
  if [ -n "$pid" ] && running "$name"; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      log "$name did not stop in 10 s; killing it"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
    log "stopped $name (pid $pid)"
  fi
  rm -f "$STATE/run/$name.pid"
}

# await NAME SECONDS COMMAND...: until COMMAND succeeds; fails early when NAME's process died.
await() {
  local name=$1 timeout=$2
  shift 2
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    if ! running "$name"; then
      tail -n 30 "$STATE/logs/$name.log" >&2 || true
      return 1
    fi
    [ "$SECONDS" -lt "$deadline" ] || { tail -n 30 "$STATE/logs/$name.log" >&2 || true; return 1; }
    sleep 0.2
  done
}

# --- preparation -------------------------------------------------------------------------------------------

require_tools() {
  local missing=()
  for cmd in java mvn python3 openssl curl setsid; do
    command -v "$cmd" >/dev/null 2>&1 || missing+=("$cmd")
  done
  [ ${#missing[@]} -eq 0 ] || die "missing on the PATH: ${missing[*]} (Java 17, Maven, Python 3 with moto, openssl, curl)"
}

moto_command() {
  if [ -n "${MOTO_SERVER:-}" ]; then
    echo "$MOTO_SERVER"
  elif command -v moto_server >/dev/null 2>&1; then
    command -v moto_server
  else
    echo "python3 -m moto.server"
  fi
}

needs_build() {
  case "$BUILD" in
    always) return 0 ;;
    never) return 1 ;;
  esac
  [ -f "$JAR" ] && [ -f "$TOOL_CLASSPATH" ] && [ -f "$TOOL_CLASSES/${TOOL_CLASS//.//}.class" ] || return 0
  [ -n "$(find "$ROOT/operator/src/main" "$ROOT/operator/pom.xml" -newer "$JAR" -type f 2>/dev/null | head -n1)" ] \
    && return 0
  [ -n "$(find "$ROOT/e2e/src/test" "$ROOT/e2e/pom.xml" -newer "$TOOL_CLASSES/${TOOL_CLASS//.//}.class" -type f \
    2>/dev/null | head -n1)" ]
}

build() {
  if needs_build; then
    log "building the operator jar and the quickstart helper (mvn package, about a minute)"
    (cd "$ROOT" && mvn -B -q -ntp -pl operator,writer,e2e package -DskipTests) >"$STATE/logs/build.log" 2>&1 \
      || { tail -n 40 "$STATE/logs/build.log" >&2; die "build failed (log: $STATE/logs/build.log)"; }
  fi
  [ -f "$JAR" ] || die "$JAR is missing (FIDELIUS_QUICKSTART_BUILD=$BUILD)"
  [ -f "$TOOL_CLASSPATH" ] || die "$TOOL_CLASSPATH is missing: mvn -pl operator,writer,e2e package -DskipTests"
}

# A CA, the API server's serving certificate, an admin client certificate (group system:masters) and the
# ServiceAccount token signing key. Valid for 30 days; every start makes new ones.
make_pki() {
  local pki=$STATE/pki
  mkdir -p "$pki"
  (
    cd "$pki"
    openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=fidelius-quickstart-ca" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
      -keyout ca.key -out ca.crt
    openssl req -newkey rsa:2048 -nodes -subj "/CN=kube-apiserver" -keyout apiserver.key -out apiserver.csr
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n' >server.ext
    openssl x509 -req -in apiserver.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 30 -extfile server.ext \
      -out apiserver.crt
    openssl req -newkey rsa:2048 -nodes -subj "/O=system:masters/CN=quickstart-admin" -keyout admin.key \
      -out admin.csr
    printf 'extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n' >client.ext
    openssl x509 -req -in admin.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 30 -extfile client.ext \
      -out admin.crt
    openssl genrsa -out sa.key 2048
    openssl rsa -in sa.key -pubout -out sa.pub
    chmod 600 ./*.key
  ) >"$STATE/logs/pki.log" 2>&1 || { cat "$STATE/logs/pki.log" >&2; die "openssl failed"; }
}

# --- servers -----------------------------------------------------------------------------------------------

start_etcd() {
  local attempt client peer
  for attempt in 1 2 3; do
    client=$(free_port)
    peer=$(free_port)
    rm -rf "$STATE/etcd"
    spawn etcd "$STATE/etcd" "$BIN/etcd" --name quickstart --data-dir "$STATE/etcd" \
      --listen-client-urls "http://127.0.0.1:$client" --advertise-client-urls "http://127.0.0.1:$client" \
      --listen-peer-urls "http://127.0.0.1:$peer" --initial-advertise-peer-urls "http://127.0.0.1:$peer" \
      --initial-cluster "quickstart=http://127.0.0.1:$peer"
    if await etcd 30 curl -sf "http://127.0.0.1:$client/health"; then
      echo "$client" >"$STATE/run/etcd.port"
      return 0
    fi
    stop_one etcd
    log "etcd did not start on port $client (attempt $attempt)"
  done
  die "etcd did not start (log: $STATE/logs/etcd.log)"
}

start_apiserver() {
  local attempt port pki=$STATE/pki
  for attempt in 1 2 3; do
    port=$(free_port)
    spawn kube-apiserver "$pki/apiserver.crt" "$BIN/kube-apiserver" \
      --etcd-servers "http://127.0.0.1:$(cat "$STATE/run/etcd.port")" \
      --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$port" \
      --endpoint-reconciler-type none --cert-dir "$pki" \
      --tls-cert-file "$pki/apiserver.crt" --tls-private-key-file "$pki/apiserver.key" \
      --client-ca-file "$pki/ca.crt" --authorization-mode RBAC \
      --service-account-issuer https://kubernetes.default.svc \
      --service-account-key-file "$pki/sa.pub" --service-account-signing-key-file "$pki/sa.key" \
      --service-cluster-ip-range 10.0.0.0/24 --disable-admission-plugins ServiceAccount --allow-privileged=true
    if await kube-apiserver 90 curl -sf --cacert "$pki/ca.crt" --cert "$pki/admin.crt" --key "$pki/admin.key" \
      "https://127.0.0.1:$port/readyz"; then
      echo "$port" >"$STATE/run/kube-apiserver.port"
      return 0
    fi
    stop_one kube-apiserver
    log "kube-apiserver did not start on port $port (attempt $attempt)"
  done
  die "kube-apiserver did not start (log: $STATE/logs/kube-apiserver.log)"
}

write_kubeconfig() {
  local pki=$STATE/pki kc=$STATE/kubeconfig
  rm -f "$kc"
  kubectl config set-cluster quickstart --server "https://127.0.0.1:$(cat "$STATE/run/kube-apiserver.port")" \
    --certificate-authority "$pki/ca.crt" --embed-certs=true >/dev/null
  kubectl config set-credentials quickstart-admin --client-certificate "$pki/admin.crt" \
    --client-key "$pki/admin.key" --embed-certs=true >/dev/null
  kubectl config set-context quickstart --cluster quickstart --user quickstart-admin >/dev/null
  kubectl config use-context quickstart >/dev/null
  chmod 600 "$kc"
  # shellcheck disable=SC2016 # $PATH is for the shell that sources the file
  printf 'export KUBECONFIG=%q\nexport PATH=%q:"$PATH"\n' "$kc" "$BIN" >"$STATE/env"
}

start_moto() {
  local attempt port
  for attempt in 1 2 3; do
    port=$(free_port)
    # shellcheck disable=SC2046 # the command may be "python3 -m moto.server"
    spawn moto "-p $port" $(moto_command) -H 127.0.0.1 -p "$port"
    if await moto 30 curl -sf "http://127.0.0.1:$port/moto-api/data.json"; then
      echo "$port" >"$STATE/run/moto.port"
      return 0
    fi
    stop_one moto
    log "moto did not start on port $port (attempt $attempt)"
  done
  die "moto_server did not start (log: $STATE/logs/moto.log)"
}

# The jar with the chart's environment, as the chart's ServiceAccount, with the emulator's static credentials
# as its own AWS identity (in EKS: IRSA).
start_operator() {
  local port chart_env
  port=$(free_port)
  mapfile -t chart_env <"$STATE/chart/operator.env"
  spawn operator "-Dfidelius.quickstart.dir=$STATE" env -i PATH="$PATH" HOME="$HOME" "${chart_env[@]}" \
    KUBECONFIG="$STATE/operator.kubeconfig" FIDELIUS_HTTP_PORT="$port" \
    AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true \
    java "-Dfidelius.quickstart.dir=$STATE" -Xmx256m -XX:+ExitOnOutOfMemoryError -jar "$JAR"
  await operator 90 curl -sf "http://127.0.0.1:$port/readyz" || die "the operator did not become ready (log: $STATE/logs/operator.log)"
  echo "$port" >"$STATE/run/operator.port"
}

# --- what the user sees ------------------------------------------------------------------------------------

secret_value() { # NAMESPACE SECRET KEY
  kubectl -n "$1" get secret "$2" -o "go-template={{ index .data \"$3\" | base64decode }}" 2>/dev/null || true
}

print_secret() { # NAMESPACE SECRET
  printf '\nSecret %s/%s, decoded (demo values, printed on purpose):\n' "$1" "$2"
  # shellcheck disable=SC2016 # $k and $v are go-template variables
  kubectl -n "$1" get secret "$2" \
    -o 'go-template={{ range $k, $v := .data }}{{ printf "  %-24s %s\n" $k ($v | base64decode) }}{{ end }}'
}

all_ready() {
  local states
  states=$(kubectl get fsec -A -o 'jsonpath={range .items[*]}{.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}' \
    2>/dev/null) || return 1
  [ -n "$states" ] && ! grep -qvx True <<<"$states"
}

show() {
  print_secret payments-dev payments-db
  print_secret payments-dev payments-db-url
  printf '\n$ kubectl get fsec -A\n'
  kubectl get fsec -A
  printf '\n$ kubectl get clusterfideliusstores,fideliusstores -A\n'
  kubectl get clusterfideliusstores,fideliusstores -A
  local rel=${STATE#"$ROOT"/}
  cat <<EOF

The quickstart runs: kube-apiserver https://127.0.0.1:$(cat "$STATE/run/kube-apiserver.port"), AWS emulator \
http://127.0.0.1:$(cat "$STATE/run/moto.port"), operator metrics http://127.0.0.1:$(cat "$STATE/run/operator.port")/metrics
Explore:  source $rel/env          # KUBECONFIG=$rel/kubeconfig, and kubectl on the PATH
          kubectl describe fsec -n payments-dev payments-db
          less $rel/logs/operator.log
Rotate:   scripts/quickstart.sh rotate   # new versions of two demo secrets; watch the Secrets follow
Stop:     scripts/quickstart.sh stop
EOF
}

# --- commands ----------------------------------------------------------------------------------------------

stop_after_failed_start() {
  local status=$?
  if [ "$status" -ne 0 ]; then
    log "start failed; stopping what started (logs: $STATE/logs)"
    cmd_stop
  fi
}

cmd_start() {
  START=$SECONDS
  if running operator && running kube-apiserver; then
    log "already running (scripts/quickstart.sh stop to stop it)"
    show
    return 0
  fi
  mkdir -p "$STATE/run" "$STATE/logs"
  for name in "${SERVERS[@]}"; do stop_one "$name"; done
  rm -rf "$STATE/run" "$STATE/logs" "$STATE/etcd" "$STATE/pki" "$STATE/chart" "$STATE/examples"
  mkdir -p "$STATE/run" "$STATE/logs"
  # Whatever fails from here on leaves nothing running.
  trap stop_after_failed_start EXIT
  trap 'exit 130' INT TERM

  require_tools
  log "provisioning (idempotent): etcd, kube-apiserver, kubectl, moto"
  bash "$ROOT/scripts/provision-test-env.sh" >"$STATE/logs/provision.log" 2>&1 \
    || { tail -n 20 "$STATE/logs/provision.log" >&2; die "provisioning failed (log: $STATE/logs/provision.log)"; }
  build

  make_pki
  start_etcd
  start_apiserver
  write_kubeconfig
  log "kube-apiserver ready on 127.0.0.1:$(cat "$STATE/run/kube-apiserver.port") ($(elapsed))"
  start_moto
  log "AWS emulator (moto) ready on 127.0.0.1:$(cat "$STATE/run/moto.port") ($(elapsed))"

  log "rendering the chart with examples/local/values.yaml"
  tool render --values "$ROOT/examples/local/values.yaml" --release "$RELEASE" --namespace "$OPERATOR_NAMESPACE" \
    --out "$STATE/chart" >"$STATE/logs/render.log"
  kubectl apply -f "$STATE/chart/crds.yaml" >/dev/null
  kubectl wait --for condition=established --timeout=60s crd/fideliussecrets.fidelius.dev \
    crd/fideliusstores.fidelius.dev crd/clusterfideliusstores.fidelius.dev >/dev/null
  kubectl create namespace "$OPERATOR_NAMESPACE" >/dev/null
  kubectl apply -f "$STATE/chart/access.yaml" >/dev/null
  log "installed the chart's CRDs, ServiceAccount and RBAC ($(elapsed))"

  local sa moto
  sa=$(cat "$STATE/chart/serviceaccount")
  moto="http://127.0.0.1:$(cat "$STATE/run/moto.port")"
  log "seeding demo secrets; a token of ServiceAccount $sa for the operator; examples/ adapted to the emulator"
  tool token --kubeconfig "$STATE/kubeconfig" --namespace "${sa%/*}" --service-account "${sa#*/}" \
    --out "$STATE/operator.kubeconfig" + seed --endpoint "$moto" + examples --endpoint "$moto" \
    --out "$STATE/examples" | sed 's/^/[quickstart]   /' >&2

  start_operator
  log "operator ready, running as ServiceAccount $sa ($(elapsed))"
  kubectl apply -f "$STATE/examples" >/dev/null
  log "applied examples/ (adapted copies in ${STATE#"$ROOT"/}/examples); waiting until every FideliusSecret is Ready"
  local deadline=$((SECONDS + READY_TIMEOUT))
  until all_ready; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      kubectl get fsec -A >&2 || true
      die "not every FideliusSecret became Ready within ${READY_TIMEOUT}s (log: $STATE/logs/operator.log)"
    fi
    running operator || die "the operator stopped (log: $STATE/logs/operator.log)"
    sleep 1
  done
  trap - EXIT INT TERM
  log "every FideliusSecret is Ready ($(elapsed) in all)"
  log "change events: rotating one secret for a FideliusSecret that refreshes only hourly"
  tool events --kubeconfig "$STATE/kubeconfig" --endpoint "$moto" 2>>"$STATE/logs/events.log" \
    | grep -v VersionUsageUtils | sed 's/^/[quickstart]   /' >&2 \
    || log "the change-events demo did not complete (log: $STATE/logs/events.log)"
  show
}

cmd_rotate() {
  if ! running operator || ! running moto; then
    die "the quickstart is not running: scripts/quickstart.sh start"
  fi
  START=$SECONDS
  local before_password before_key before_restart after_password after_key after_restart
  before_password=$(secret_value payments-dev payments-db password)
  before_key=$(secret_value payments-dev payments-api-keys STRIPE_API_KEY)
  before_restart=$(restarted_at)
  tool rotate --endpoint "http://127.0.0.1:$(cat "$STATE/run/moto.port")" | sed 's/^/[quickstart]   /' >&2
  local deadline=$((SECONDS + 60))
  while :; do
    after_password=$(secret_value payments-dev payments-db password)
    after_key=$(secret_value payments-dev payments-api-keys STRIPE_API_KEY)
    after_restart=$(restarted_at)
    if [ "$after_password" != "$before_password" ] && [ "$after_key" != "$before_key" ] \
      && [ "$after_restart" != "$before_restart" ]; then
      break
    fi
    [ "$SECONDS" -lt "$deadline" ] || die "the Secrets did not follow within 60 s (log: $STATE/logs/operator.log)"
    sleep 0.5
  done
  cat <<EOF

Rotated, and synced within $(elapsed):
  Secret payments-dev/payments-db        password:        $before_password -> $after_password
  Secret payments-dev/payments-api-keys  STRIPE_API_KEY:  $before_key -> $after_key
  Deployment payments-dev/payments-api   restartedAt:     ${before_restart:-never} -> $after_restart
EOF
  printf '\n$ kubectl get fsec -n payments-dev\n'
  kubectl get fsec -n payments-dev
}

restarted_at() {
  kubectl -n payments-dev get deployment payments-api \
    -o 'jsonpath={.spec.template.metadata.annotations.kubectl\.kubernetes\.io/restartedAt}' 2>/dev/null || true
}

cmd_status() {
  local name any=0
  for name in "${SERVERS[@]}"; do
    if running "$name"; then
      any=1
      printf '%-15s running, pid %s, port %s\n' "$name" "$(pid_of "$name")" "$(cat "$STATE/run/$name.port" 2>/dev/null || echo -)"
    else
      printf '%-15s stopped\n' "$name"
    fi
  done
  [ "$any" = 1 ] && printf 'kubeconfig: %s\n' "$STATE/kubeconfig"
  return 0
}

cmd_stop() {
  local name
  for name in "${SERVERS[@]}"; do stop_one "$name"; done
  rm -rf "$STATE/etcd"
  log "stopped (logs stay in $STATE/logs)"
}

case "${1:-start}" in
  start) cmd_start ;;
  rotate) cmd_rotate ;;
  status) cmd_status ;;
  stop) cmd_stop ;;
  -h | --help | help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//' ;;
  *) die "unknown command '$1' (start, rotate, status, stop)" ;;
esac
