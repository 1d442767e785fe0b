// The reference: @y/websocket-server 0.1.1's own server.js (http + ws + setupWSConnection, in memory,
// no authorisation, no persistence), with the same stdin `mem` hook as bench/collab/server.ts.
import http from "node:http";
import { createInterface } from "node:readline";
import { WebSocketServer } from "ws";
import { setupWSConnection, docs } from "@y/websocket-server/utils";

const wss = new WebSocketServer({ noServer: true });
const server = http.createServer((_req, res) => {
  res.writeHead(200, { "Content-Type": "text/plain" });
  res.end("okay");
});
wss.on("connection", setupWSConnection);
server.on("upgrade", (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit("connection", ws, request));
});
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const port = (server.address() as { port: number }).port;
  process.stdout.write(`BENCH_READY ${JSON.stringify({ pid: process.pid, port })}\n`);
});
createInterface({ input: process.stdin }).on("line", (line) => {
  if (line.trim() === "mem") {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    gc?.();
    const m = process.memoryUsage();
    process.stdout.write(`BENCH_MEM ${JSON.stringify({ ...m, stats: { papers: (docs as Map<string, unknown>).size, connections: wss.clients.size } })}\n`);
  }
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(0));
