-- wrk script for `lectern serve` under load (bench/load.sh, tests/serve_load.rs).
--
-- Rotates through a mix of the bundled sample's files, counts every response that is not
-- 2xx (wrk itself only counts status > 399), and prints one line of JSON at the end:
--   LECTERN_LOAD {"requests": …, "non_2xx": …, "errors": {…}, "latency_us": {"p50": …}, …}
-- Paths can be replaced with LECTERN_LOAD_PATHS="/a.html /b.css …".

local paths = {
  "/",                                       -- home (index.html)
  "/lessons/02-editing/01-ab-tests.html",    -- a lesson page
  "/decks/02-editing/01-ab-tests.html",      -- a self-contained deck
  "/static/lectern.css",                     -- CSS
  "/search/t-0.js",                          -- a search shard
  "/assets/diagrams/clip-pipeline.svg",      -- an image
}
local custom = os.getenv("LECTERN_LOAD_PATHS")
if custom and custom ~= "" then
  paths = {}
  for p in custom:gmatch("%S+") do paths[#paths + 1] = p end
end

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  threads[#threads + 1] = thread
end

local requests, next_index = {}, 1
non_2xx = 0
statuses = ""

function init(args)
  for i, p in ipairs(paths) do requests[i] = wrk.format("GET", p) end
  -- Threads start at different paths so the mix is even from the first second.
  next_index = (id or 0) % #requests + 1
end

function request()
  local r = requests[next_index]
  next_index = next_index % #requests + 1
  return r
end

local seen = {}
function response(status, headers, body)
  if status < 200 or status > 299 then
    non_2xx = non_2xx + 1
    if not seen[status] then
      seen[status] = true
      statuses = statuses .. " " .. status
    end
  end
end

function done(summary, latency, requests)
  local bad, codes = 0, ""
  for _, t in ipairs(threads) do
    bad = bad + t:get("non_2xx")
    codes = codes .. t:get("statuses")
  end
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format(
    'LECTERN_LOAD {"requests": %d, "duration_s": %.3f, "requests_per_s": %.1f, "bytes": %d, ' ..
    '"non_2xx": %d, "non_2xx_statuses": "%s", ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
    '"latency_us": {"p50": %d, "p90": %d, "p99": %d, "p999": %d, "max": %d, "mean": %.1f}, "paths": %d}\n',
    summary.requests, secs, summary.requests / secs, summary.bytes,
    bad, codes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9),
    latency.max, latency.mean, #paths))
end
