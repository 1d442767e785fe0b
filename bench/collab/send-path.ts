// Server CPU per delivery of a broadcast: ws.send per receiver against one frame written to every
// socket (server/collab/wire.ts, ADR 0014). One process holds a ws server with N clients in a child
// process; the server side sends M small messages to all of them in each mode, alternating.
// Run: npx tsx bench/collab/send-path.ts  (pin with `taskset -c 1` for steadier figures)
import { fork } from "node:child_process";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { binaryFrame, writeFrame } from "../../server/collab/wire.js";

const N = Number(process.env.SEND_CLIENTS ?? 200);
const M = Number(process.env.SEND_MESSAGES ?? 3000);

if (process.argv[2] === "clients") {
  const { WebSocket } = await import("ws");
  const url = process.argv[3]!;
  for (let i = 0; i < N; i++) new WebSocket(url, { perMessageDeflate: false }).on("message", () => {});
} else {
  const wss = new WebSocketServer({ port: 0, host: "127.0.0.1", perMessageDeflate: false });
  const peers: { ws: WebSocket; socket: Duplex }[] = [];
  wss.on("connection", (ws, req) => peers.push({ ws, socket: req.socket }));
  await new Promise<void>((r) => wss.once("listening", () => r()));
  const child = fork(new URL(import.meta.url).pathname, ["clients", `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`], {
    execArgv: ["--import", "tsx"],
  });
  while (peers.length < N) await new Promise((r) => setTimeout(r, 20));
  const payload = new Uint8Array(32).fill(7);

  const modes = {
    "ws.send with callback": () => {
      for (const { ws } of peers) ws.send(payload, { binary: true }, (err) => err && ws.terminate());
    },
    "one frame, written to each socket": () => {
      const frame = binaryFrame(payload);
      for (const { ws, socket } of peers) writeFrame(ws, socket, frame);
    },
  };
  const results = new Map<string, number[]>();
  for (let round = 0; round < 3; round++) {
    for (const [name, broadcast] of Object.entries(modes)) {
      const before = process.cpuUsage();
      for (let i = 0; i < M; i++) {
        broadcast();
        // Let the sockets drain now and then, as the event loop would between messages.
        if (i % 20 === 0) await new Promise((r) => setImmediate(r));
      }
      await new Promise((r) => setTimeout(r, 200));
      const used = process.cpuUsage(before);
      results.set(name, [...(results.get(name) ?? []), (used.user + used.system) / (M * N)]);
    }
  }
  console.log(`${N} clients, ${M} broadcasts of ${payload.length} bytes per round, 3 rounds; server CPU per delivery:`);
  for (const [name, runs] of results) console.log(`  ${name.padEnd(36)} ${runs.map((r) => `${r.toFixed(2)} µs`).join("  ")}`);
  child.kill();
  wss.close();
}
