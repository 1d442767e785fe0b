// Raw y-websocket clients for the benchmark, as light as the protocol allows so the harness (one
// process, one clock) is not what limits the numbers. Every client counts the writers' updates it
// receives and their latency from send to receipt; writers also send one-character edits.
import WebSocket from "ws";
import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import * as decoding from "lib0/decoding";

/** Latency histogram: 0.1 ms buckets up to 60 s. */
export class Histogram {
  private readonly buckets = new Uint32Array(600_000);
  count = 0;
  add(ms: number) {
    const i = Math.min(this.buckets.length - 1, Math.max(0, Math.floor(ms * 10)));
    this.buckets[i]!++;
    this.count++;
  }
  percentile(p: number): number {
    if (!this.count) return NaN;
    const target = Math.ceil((p / 100) * this.count);
    let seen = 0;
    for (let i = 0; i < this.buckets.length; i++) {
      seen += this.buckets[i]!;
      if (seen >= target) return i / 10;
    }
    return NaN;
  }
}

export interface Counters {
  measuring: boolean;
  deliveries: number;
  messages: number;
  latency: Histogram;
  lastMessageAt: number;
}

export const newCounters = (): Counters => ({ measuring: false, deliveries: 0, messages: 0, latency: new Histogram(), lastMessageAt: 0 });

/** What receivers need to know about a writer: its client id, first measured clock and send times. */
export interface WriterInfo {
  base: number;
  sendTimes: Float64Array;
}

const syncMessage = (step: number, payload: Uint8Array) => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, step);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
};

export class BenchClient {
  ws!: WebSocket;
  doc: Y.Doc | null = null;
  text: Y.XmlText | null = null;
  writer: WriterInfo | null = null;
  private seq = 0;
  private readonly seen = new Map<number, number>();
  synced!: Promise<void>;
  closedCode: number | null = null;

  constructor(
    readonly url: string,
    readonly cookie: string,
    readonly writers: Map<number, WriterInfo>,
    readonly counters: Counters,
  ) {}

  open(): Promise<void> {
    let resolveSynced!: () => void;
    this.synced = new Promise((r) => (resolveSynced = r));
    const ws = new WebSocket(this.url, { headers: this.cookie ? { cookie: this.cookie } : {}, perMessageDeflate: false });
    this.ws = ws;
    ws.binaryType = "nodebuffer";
    ws.on("message", (data: Buffer) => {
      const now = performance.now();
      const d = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.length));
      if (decoding.readVarUint(d) !== 0) return;
      const step = decoding.readVarUint(d);
      const payload = decoding.readVarUint8Array(d);
      if (step === 0) {
        // The server's state vector: answer with what we have (a writer's paragraph).
        this.ws.send(syncMessage(1, this.doc ? Y.encodeStateAsUpdate(this.doc, payload) : new Uint8Array([0, 0])));
        return;
      }
      if (step === 1) resolveSynced();
      this.count(payload, now);
    });
    ws.on("close", (code) => (this.closedCode = code));
    ws.on("error", () => {});
    return new Promise((resolve, reject) => {
      ws.once("open", () => {
        ws.send(syncMessage(0, this.doc ? Y.encodeStateVector(this.doc) : new Uint8Array([0])));
        resolve();
      });
      ws.once("unexpected-response", (_q, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      ws.once("error", reject);
    });
  }

  private count(update: Uint8Array, now: number) {
    const c = this.counters;
    c.messages++;
    c.lastMessageAt = now;
    if (!c.measuring) return;
    const meta = Y.parseUpdateMeta(update);
    for (const [client, to] of meta.to) {
      const w = this.writers.get(client);
      if (!w || (this.doc && client === this.doc.clientID)) continue;
      const from = Math.max(meta.from.get(client) ?? 0, this.seen.get(client) ?? 0, w.base);
      for (let clock = from; clock < to; clock++) {
        const sent = w.sendTimes[clock - w.base];
        if (sent === undefined || sent === 0) continue;
        c.deliveries++;
        c.latency.add(now - sent);
      }
      if (to > (this.seen.get(client) ?? 0)) this.seen.set(client, to);
    }
  }

  /** Makes this client a writer with its own paragraph; returns what receivers need to attribute its edits. */
  makeWriter(maxUpdates: number): WriterInfo {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment("default");
    const p = new Y.XmlElement("paragraph");
    this.text = new Y.XmlText("w");
    p.insert(0, [this.text]);
    fragment.insert(0, [p]);
    this.doc = doc;
    // A new writer per scenario: its edits count from 0 again (a carried-over count shifted every
    // later scenario's send times by the earlier scenario's edits).
    this.seq = 0;
    this.writer = { base: Y.getState(doc.store, doc.clientID), sendTimes: new Float64Array(maxUpdates) };
    this.writers.set(doc.clientID, this.writer);
    doc.on("update", (u: Uint8Array) => {
      if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(syncMessage(2, u));
    });
    return this.writer;
  }

  /** One edit: a character at the end of the writer's paragraph (one clock tick). */
  type() {
    if (!this.text || !this.writer || this.seq >= this.writer.sendTimes.length) return;
    this.writer.sendTimes[this.seq++] = performance.now();
    this.text.insert(this.text.length, "x");
  }

  /** Sends the writer's paragraph (before measuring), so later edits are plain appends. */
  sendInitial() {
    if (this.doc) this.ws.send(syncMessage(2, Y.encodeStateAsUpdate(this.doc)));
  }

  close() {
    this.ws?.terminate();
  }
}

export async function connectAll(
  n: number,
  make: (i: number) => BenchClient,
  concurrency = 50,
): Promise<BenchClient[]> {
  const clients: BenchClient[] = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      while (next < n) {
        const i = next++;
        const c = make(i);
        await c.open();
        clients[i] = c;
      }
    }),
  );
  return clients;
}
