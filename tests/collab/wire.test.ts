// Broadcasts are framed by the server itself and written under ws (wire.ts). A real ws client must
// read them as ws's own messages, at every payload-length encoding, in order with what ws sends.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AddressInfo, Socket } from "node:net";
import type { Duplex } from "node:stream";
import { WebSocket, WebSocketServer } from "ws";
import { binaryFrame, writeFrame } from "../../server/collab/wire.js";

let wss: WebSocketServer;
let url: string;
const accepted: { ws: WebSocket; socket: Duplex }[] = [];

beforeAll(async () => {
  wss = new WebSocketServer({ port: 0, host: "127.0.0.1", perMessageDeflate: false });
  wss.on("connection", (ws, req) => accepted.push({ ws, socket: req.socket }));
  await new Promise<void>((r) => wss.once("listening", () => r()));
  url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => wss.close(() => r())));

async function connect() {
  const client = new WebSocket(url, { perMessageDeflate: false });
  const received: Buffer[] = [];
  const state = { closedWith: null as number | null };
  client.on("close", (code) => (state.closedWith = code));
  client.on("message", (data: Buffer, isBinary) => {
    expect(isBinary).toBe(true);
    received.push(data);
  });
  await new Promise((r) => client.once("open", r));
  while (accepted.length === 0) await new Promise((r) => setTimeout(r, 5));
  return { client, received, state, server: accepted.shift()! };
}

const payload = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

describe("pre-framed broadcasts", () => {
  it("reach a ws client intact at every length encoding, in order with ws's own sends", async () => {
    const { client, received, state, server } = await connect();
    // 7-bit, 16-bit and 64-bit lengths and their edges.
    const lengths = [0, 1, 125, 126, 127, 65_535, 65_536, 200_000];
    const sent: Uint8Array[] = [];
    lengths.forEach((n, i) => {
      const framed = payload(n, i);
      writeFrame(server.ws, server.socket, binaryFrame(framed));
      const viaWs = payload(n + 3, i + 100);
      server.ws.send(viaWs);
      sent.push(framed, viaWs);
    });
    while (received.length < sent.length) {
      // A bad frame makes the client close (1002): fail then rather than at the timeout.
      expect(state.closedWith, "client closed the connection").toBeNull();
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(received.map((b) => b.length)).toEqual(sent.map((p) => p.length));
    // Buffer.equals: vitest's deep equality walks 400 KB byte by byte for seconds.
    received.forEach((b, i) => expect(b.equals(sent[i]!), `message ${i} (${b.length} bytes)`).toBe(true));
    client.close();
  });

  it("writes nothing once the close handshake has begun", async () => {
    const { client, received, server } = await connect();
    const socket = server.socket as Socket;
    const frame = binaryFrame(payload(10, 1));
    const before = socket.bytesWritten;
    writeFrame(server.ws, server.socket, frame);
    expect(socket.bytesWritten - before).toBe(frame.length);
    const closed = new Promise<number>((r) => client.once("close", (code) => r(code)));
    server.ws.close(4000, "bye");
    // A data frame after the close frame would break the protocol (ws's client just stops reading).
    const afterClose = socket.bytesWritten;
    writeFrame(server.ws, server.socket, frame);
    expect(socket.bytesWritten).toBe(afterClose);
    expect(await closed).toBe(4000);
    expect(received.length).toBe(1);
  });
});
