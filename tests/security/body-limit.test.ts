// The 1 MiB body limit holds on the bytes read, not only on Content-Length: a chunked 100 MB body to
// /login (before anyone is authenticated) is cut off at the limit, answered 413, and never held whole.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { request } from "node:http";
import { readFileSync } from "node:fs";
import { startTestServer, signIn, type TestServer } from "../helpers/server.js";

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;

/** Streams `total` bytes as a chunked body; resolves with the status as soon as the server answers. */
function chunkedPost(url: string, path: string, total: number, headers: Record<string, string> = {}, method = "POST"): Promise<{ status: number; body: string; sent: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = request(`${url}${path}`, { method, headers: { "content-type": "application/x-www-form-urlencoded", "transfer-encoding": "chunked", ...headers } }, (res) => {
      answered = true;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, sent }));
    });
    req.on("error", (err) => (answered ? undefined : reject(err)));
    const chunk = Buffer.alloc(64 * 1024, "a");
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    req.write("email=a%40b.c&password=");
    pump();
  });
}

describe("the body limit on the bytes read", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("a chunked 100 MB body to /login is refused at 1 MiB with 413 JSON, without the server holding it", async () => {
    const before = rssMb(server.proc.pid!);
    const res = await chunkedPost(server.url, "/login", 100 * 1024 * 1024);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.code).toBe("payload_too_large");
    expect(res.sent).toBeLessThan(20 * 1024 * 1024);
    expect(rssMb(server.proc.pid!) - before).toBeLessThan(50);
    // The server goes on serving.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    await signIn(server.url, "observer@example.org");
  });

  it("the API too, signed in: a chunked JSON body over the limit is 413, a small chunked one works", async () => {
    const cookie = await signIn(server.url, "observer@example.org");
    const big = await chunkedPost(server.url, "/api/v1/me", 5 * 1024 * 1024, { cookie, "content-type": "application/json" }, "PATCH");
    expect(big.status).toBe(413);
    const small = await chunkedPost(server.url, "/login", 1024);
    expect(small.status).toBe(400); // read whole and refused as a form, not as a size
  });
});
