-- wrk script of tests/scale/run.sh: a bounded write load whose every
-- acknowledged write can be found again in the database.
--
-- Each request is PUT /api/v1/me/capacity {"capacity":"person"} (one row in
-- audit_log per write, with the request's id) in one of the signed-in
-- sessions listed in $SCALE_SESSIONS (one line each: the session cookie's
-- value, a blank, the session's CSRF token). Thread i of $SCALE_THREADS
-- takes every line whose number modulo the threads is i and sends each of
-- its sessions at most $SCALE_PER_SESSION writes, round-robin, so that no
-- session reaches the server's write quota; then the thread stops. Every
-- response with a 2xx status is an acknowledged write: done() writes the
-- X-Request-Id of each to $SCALE_ACKS, one a line, and the count of every
-- status to $SCALE_ACKS.status ("STATUS COUNT" lines, and "sent N": the
-- writes sent, answered or not). $SCALE_ORIGIN is the
-- Origin the server expects; $SCALE_DELAY_MS paces each connection.

local threads = {}

function setup(thread)
   thread:set("index", #threads)
   table.insert(threads, thread)
end

local sessions = {}
sent = 0
local budget = 0
local origin = os.getenv("SCALE_ORIGIN")
local pause = tonumber(os.getenv("SCALE_DELAY_MS") or "0")
acks = {}
statuses = {}

function init(args)
   local nthreads = tonumber(os.getenv("SCALE_THREADS"))
   local i = 0
   for line in io.lines(os.getenv("SCALE_SESSIONS")) do
      local cookie, csrf = line:match("^(%S+) (%S+)$")
      if cookie and i % nthreads == index then
         table.insert(sessions, { cookie = cookie, csrf = csrf })
      end
      i = i + 1
   end
   budget = #sessions * tonumber(os.getenv("SCALE_PER_SESSION"))
end

function delay()
   return pause
end

function request()
   if sent >= budget then
      wrk.thread:stop()
   end
   local s = sessions[(sent % #sessions) + 1]
   sent = sent + 1
   return wrk.format("PUT", "/api/v1/me/capacity", {
      ["Cookie"] = "wr_session=" .. s.cookie,
      ["X-CSRF-Token"] = s.csrf,
      ["Origin"] = origin,
      ["Content-Type"] = "application/json",
   }, '{"capacity":"person"}')
end

function response(status, headers, body)
   local key = tostring(status)
   statuses[key] = (statuses[key] or 0) + 1
   if status >= 200 and status < 300 then
      table.insert(acks, headers["X-Request-Id"] or "missing")
   end
end

function done(summary, latency, requests)
   local out = assert(io.open(os.getenv("SCALE_ACKS"), "w"))
   local counts = {}
   local sent_all = 0
   for _, thread in ipairs(threads) do
      sent_all = sent_all + thread:get("sent")
      for _, id in ipairs(thread:get("acks")) do
         out:write(id, "\n")
      end
      for status, count in pairs(thread:get("statuses")) do
         counts[status] = (counts[status] or 0) + count
      end
   end
   out:close()
   out = assert(io.open(os.getenv("SCALE_ACKS") .. ".status", "w"))
   for status, count in pairs(counts) do
      out:write(status, " ", count, "\n")
   end
   out:write("sent ", sent_all, "\n")
   out:close()
end
