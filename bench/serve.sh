#!/usr/bin/env bash
# Edit-to-reload time of `bilateral-digest serve`: from saving an article's
# body to the open page being told to reload (the server-sent `reload` event
# the injected script acts on), on a synthetic site of N articles.
#
#   bash bench/serve.sh [N ...]        default: 5 10000
#   BIN=target/debug/bilateral-digest bash bench/serve.sh 5
#
# A measurement, not a test: it prints the median and the slowest of ROUNDS
# edits per size. Uses the release binary unless BIN is set.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ "${#sizes[@]}" -gt 0 ] || sizes=(5 10000)
ROUNDS="${ROUNDS:-10}"
if [ -z "${BIN:-}" ]; then
  cargo build --release --quiet
  BIN=target/release/bilateral-digest
fi
work="$(mktemp -d)"
trap 'kill "${server:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

for n in "${sizes[@]}"; do
  dir="$work/n$n"
  python3 bench/gen.py "$n" "$dir" >/dev/null
  site="$dir/digest"
  "$BIN" serve --root "$site" --port 0 >"$work/url" 2>"$work/serve.log" &
  server=$!
  for _ in $(seq 100); do grep -q http "$work/url" 2>/dev/null && break; sleep 0.1; done
  url="$(grep -o 'http://[^ ]*' "$work/url")"
  python3 - "$url" "$site" "$ROUNDS" "$n" <<'PY'
import http.client, pathlib, re, statistics, sys, time, urllib.parse, urllib.request
url, site, rounds, n = sys.argv[1], pathlib.Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
article = sorted((site / "content" / "articles").glob("*.md"))[0]
page = f"{url}articles/{article.stem}/index.html"
original = article.read_text()
times = []
try:
    for i in range(rounds):
        html = urllib.request.urlopen(page).read().decode()
        gen = re.search(r"events\?gen=(\d+)", html).group(1)
        u = urllib.parse.urlparse(url)
        conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
        conn.request("GET", f"/__bilateral_digest/events?gen={gen}")
        resp = conn.getresponse()
        resp.readline()  # the `retry:` line: the stream is open
        start = time.perf_counter()
        article.write_text(f"{original}\nEdit number {i} of the benchmark.\n")
        while True:
            line = resp.readline().decode()
            if line.startswith("event: "):
                break
        times.append(time.perf_counter() - start)
        if line.strip() != "event: reload":
            sys.exit(f"round {i}: expected a reload, got {line.strip()}")
        conn.close()
finally:
    article.write_text(original)
ms = [t * 1000 for t in times]
print(f"{n:>6} articles: edit to reload median {statistics.median(ms):.0f} ms, "
      f"slowest {max(ms):.0f} ms ({rounds} edits)")
PY
  kill "$server"; wait "$server" 2>/dev/null || true
done
