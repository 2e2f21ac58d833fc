"""Sets tags for N guest viewers (a random pick of 1-5 of the given tag ids each), 16 at a time over
keep-alive connections, as a crowd arriving would; prints name: value lines (answers by status) and
writes a wrk Lua script that sends each feed request as a random one of them.
Usage: python3 bench/viewers.py BASE_URL COUNT TAG_IDS_COMMA_SEPARATED OUT_LUA
LUA_ONLY=1 writes the script only (the same viewers, whose tags a kept database already holds)."""
import os
import http.client
import json
import random
import sys
import threading
import urllib.parse
import uuid
from collections import Counter

base, count, tag_ids, out = sys.argv[1], int(sys.argv[2]), [int(t) for t in sys.argv[3].split(",")], sys.argv[4]
rng = random.Random(19)
viewers = [(str(uuid.UUID(int=rng.getrandbits(128), version=4)), rng.sample(tag_ids, rng.randint(1, 5))) for _ in range(count)]
statuses = Counter()
lock = threading.Lock()
url = urllib.parse.urlparse(base)


def worker(part):
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    for session, picks in part:
        conn.request("PUT", "/api/v1/me/tags", body=json.dumps({"tagIds": picks}),
                     headers={"Content-Type": "application/json", "X-Session-Id": session})
        response = conn.getresponse()
        response.read()
        with lock:
            statuses[response.status] += 1


threads = [] if os.environ.get("LUA_ONLY") == "1" else [threading.Thread(target=worker, args=(viewers[i::16],)) for i in range(16)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for status in sorted(statuses):
    print(f"viewers.put_{status}: {statuses[status]}")
with open(out, "w") as lua:
    lua.write("local sessions = {\n" + ",\n".join(f'"{s}"' for s, _ in viewers) + "\n}\n")
    lua.write("""
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("seed", threads)
end
function init(args)
  math.randomseed(os.time() * 100 + seed)
end
function request()
  return wrk.format("GET", "/api/v1/videos/recommended", {["X-Session-Id"] = sessions[math.random(#sessions)]})
end
""")
