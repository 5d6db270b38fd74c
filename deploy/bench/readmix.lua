-- wrk script: replays the request paths of BENCH_PATHS (one per line, written by bench.py, which draws the
-- read mix) with Accept-Encoding: gzip, as browsers send (BENCH_ACCEPT_ENCODING another value; empty: none). Each
-- thread starts at its own place in the file. done() prints one JSON line of results.
local paths = {}
local position = 0
local encoding = os.getenv("BENCH_ACCEPT_ENCODING") or "gzip"
local headers = encoding ~= "" and { ["Accept-Encoding"] = encoding } or {}

function init(args)
  for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
  position = math.random(#paths)
end

function request()
  position = position % #paths + 1
  return wrk.format("GET", paths[position], headers)
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status
    + summary.errors.timeout
  io.write(string.format(
    '{"requests":%d,"seconds":%.3f,"rps":%.1f,"errors":%d,"non2xx":%d,"p50_ms":%.2f,"p90_ms":%.2f,"p95_ms":%.2f,"p99_ms":%.2f,"max_ms":%.2f}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6), errors, summary.errors.status,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
