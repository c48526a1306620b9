-- wrk script: POST /v1/route with a rotation of real-looking questions, then
-- print the figures the README quotes (one line, machine-readable enough).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

local questions = {
  "my model is too slow",
  "canary rollout with automatic rollback",
  "Deploy and monitor model",
  "drift alerts fire but nothing changed",
  "track experiments and automate deployment",
  "Our LLM keeps hallucinating in production and costs are spiking",
  "How many replicas should sit behind the load balancer for our prediction service?",
  "Quantize model and serve with vLLM",
}

local bodies = {}
for i, q in ipairs(questions) do
  bodies[i] = '{"question":"' .. q .. '"}'
end

local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, "/v1/route", nil, bodies[(n % #bodies) + 1])
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("requests %d in %.1f s: %.0f/s; latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; non-2xx %d, socket errors %d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.status, errors))
end
