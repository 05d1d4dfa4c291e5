-- wrk script for goftar's load benchmark: cycles through the request paths listed (one per line)
-- in the file given after `--`, each thread starting at a different place, and prints the figures
-- the benchmark reports (p50/p99 latency in ms, non-2xx answers and socket errors).
--   wrk -t2 -c32 -d10s -s benches/server_load.lua http://127.0.0.1:PORT -- PATHS_FILE
local paths = {}
local index = 0

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  index = math.random(#paths)
end

function request()
  index = index % #paths + 1
  return wrk.format("GET", paths[index])
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "GOFTAR requests=%d seconds=%.2f rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, errors.status,
    errors.connect + errors.read + errors.write + errors.timeout))
end
