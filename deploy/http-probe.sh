#!/bin/bash
# Container health probe without curl or wget: GET http://127.0.0.1:<port><path> over bash's /dev/tcp.
# Healthy (exit 0) when the answer is 200 and the body reports "status":"UP".
# Usage: http-probe [path]   (default /actuator/health/readiness)
# Port: SERVER_PORT, else the app's own port variable, else the app's well-known port (QUOTA_MODULE is set in the image).
set -u
path=${1:-/actuator/health/readiness}
case "${QUOTA_MODULE:-}" in
  gateway) default_port=8080 ;;
  target-service) default_port=${TARGET_SERVICE_PORT:-8081} ;;
  pipeline-service) default_port=${PIPELINE_SERVICE_PORT:-8082} ;;
  contract-service) default_port=${CONTRACT_SERVICE_PORT:-8083} ;;
  performance-service) default_port=${PERFORMANCE_SERVICE_PORT:-8084} ;;
  auth-server) default_port=9000 ;;
  *) default_port=8080 ;;
esac
port=${SERVER_PORT:-$default_port}

if ! { exec 3<>"/dev/tcp/127.0.0.1/${port}"; } 2>/dev/null; then
  echo "http-probe: nothing listens on port ${port}" >&2
  exit 1
fi
printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\nConnection: close\r\n\r\n' "$path" >&3
response=$(timeout 5 cat <&3)
exec 3<&-

status_line=${response%%$'\r'*}
if [[ $status_line != "HTTP/1."?" 200"* ]]; then
  echo "http-probe: ${path} answered '${status_line}'" >&2
  exit 1
fi
up_pattern='"status"[[:space:]]*:[[:space:]]*"UP"'
if [[ ! $response =~ $up_pattern ]]; then
  echo "http-probe: ${path} is not UP" >&2
  exit 1
fi
exit 0
