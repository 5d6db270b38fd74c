-- wrk script: the earlier implementation's read mix through the gateway.
-- search 10 : listing detail 5 : availability 3; search parameters as its load test drew them.
-- BENCH_IDS names a file of listing ids (one per line); BENCH_MODE=detail requests cached details only,
-- BENCH_MODE=cold makes every search unique (a fresh max_price), so it misses the cache.
local cities = { "New%20York", "Los%20Angeles", "San%20Francisco", "Chicago", "Miami" }
local prices = { 150, 250, 500 }
local ids = {}
local mode = os.getenv("BENCH_MODE") or "mix"
local counter = 0

function init(args)
  for line in io.lines(os.getenv("BENCH_IDS")) do ids[#ids + 1] = line end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

local function day(offset)
  return os.date("!%Y-%m-%d", os.time() + 86400 * offset)
end

local function search()
  local path = "/api/v1/properties/search?city=" .. cities[math.random(#cities)]
      .. "&num_guests=" .. math.random(4) .. "&page=1&page_size=20"
  if math.random() < 0.5 then path = path .. "&min_bedrooms=" .. math.random(3) end
  if mode == "cold" then
    counter = counter + 1
    -- a price cap no listing reaches, unique per request (cents vary too): same rows, never cached
    path = path .. string.format("&max_price=%d.%02d", 600 + math.random(99000), counter % 100)
  elseif math.random() < 0.3 then
    path = path .. "&max_price=" .. prices[math.random(#prices)]
  end
  return path
end

local function detail()
  return "/api/v1/properties/" .. ids[math.random(#ids)]
end

local function availability()
  local start = 7 + math.random(0, 53)
  return "/api/v1/properties/" .. ids[math.random(#ids)] .. "/availability?start_date=" .. day(start)
      .. "&end_date=" .. day(start + math.random(2, 7) - 1)
end

function request()
  local path
  if mode == "detail" then
    path = detail()
  elseif mode == "cold" then
    path = search()
  else
    local r = math.random(18)
    if r <= 10 then path = search() elseif r <= 15 then path = detail() else path = availability() end
  end
  return wrk.format("GET", path, { ["Accept-Encoding"] = "gzip" })
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status
    + summary.errors.timeout
  io.write(string.format(
    '{"requests":%d,"seconds":%.3f,"rps":%.1f,"errors":%d,"non2xx":%d,"p50_ms":%.2f,"p95_ms":%.2f,"p99_ms":%.2f,"max_ms":%.2f}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6), errors, summary.errors.status,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
