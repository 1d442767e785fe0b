// A y-websocket client written on the wire protocol (no WebsocketProvider, no BroadcastChannel): it
// holds its own Y.Doc, answers sync step 1, sends local changes, and records what the server sent and
// how the connection ended. It can also send arbitrary bytes, which is the point for the refusal and
// malformed-message tests.
import { randomUUID } from "node:crypto";
import WebSocket from "ws";
import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import * as decoding from "lib0/decoding";
import * as awarenessProtocol from "y-protocols/awareness";
import { paperText } from "../../../app/domain/paper-doc.js";

const FROM_SERVER = Symbol("server");

export interface CloseInfo {
  code: number;
  reason: string;
}

export class RawClient {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  ws!: WebSocket;
  /** Every message the server sent, as [type, subtype?] pairs plus bytes. */
  received: { type: number; step?: number; bytes: Uint8Array }[] = [];
  closed!: Promise<CloseInfo>;
  closeInfo: CloseInfo | null = null;
  private syncedResolve!: () => void;
  synced!: Promise<void>;
  /** When false, local changes stay local (to build an offline backlog). */
  live = true;

  private constructor(
    readonly url: string,
    readonly cookie: string,
    doc?: Y.Doc,
  ) {
    this.doc = doc ?? new Y.Doc();
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.awareness.setLocalState(null);
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === FROM_SERVER || !this.live || this.ws?.readyState !== WebSocket.OPEN) return;
      this.send(syncMessage(2, update));
    });
  }

  /** Connects and resolves once the socket is open (rejects with the HTTP status on a refused upgrade). */
  static async connect(baseUrl: string, paperId: string, cookie: string, doc?: Y.Doc): Promise<RawClient> {
    const client = new RawClient(`${baseUrl.replace(/^http/, "ws")}/collab/${paperId}`, cookie, doc);
    await client.open();
    return client;
  }

  /** Opens a new socket for the same document (after a server restart). */
  async open(): Promise<void> {
    this.received = [];
    this.closeInfo = null;
    this.synced = new Promise((r) => (this.syncedResolve = r));
    const ws = new WebSocket(this.url, { headers: this.cookie ? { cookie: this.cookie } : {} });
    ws.binaryType = "nodebuffer";
    this.ws = ws;
    this.closed = new Promise((resolve) => {
      ws.on("close", (code, reason) => {
        this.closeInfo = { code, reason: reason.toString() };
        resolve(this.closeInfo);
      });
    });
    ws.on("message", (data: Buffer) => this.onMessage(new Uint8Array(data)));
    ws.on("error", () => {});
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => {
        // Like WebsocketProvider: say what we have, ask for the rest.
        this.send(syncMessage(0, Y.encodeStateVector(this.doc)));
        resolve();
      });
      ws.once("unexpected-response", (_req, res) => {
        reject(Object.assign(new Error(`upgrade refused: ${res.statusCode}`), { status: res.statusCode }));
        ws.terminate();
      });
      ws.once("error", reject);
    });
  }

  private onMessage(data: Uint8Array) {
    const d = decoding.createDecoder(data);
    const type = decoding.readVarUint(d);
    if (type === 0) {
      const step = decoding.readVarUint(d);
      const payload = decoding.readVarUint8Array(d);
      this.received.push({ type, step, bytes: data });
      if (step === 0) this.send(syncMessage(1, Y.encodeStateAsUpdate(this.doc, payload)));
      else {
        Y.applyUpdate(this.doc, payload, FROM_SERVER);
        if (step === 1) this.syncedResolve();
      }
    } else if (type === 1) {
      this.received.push({ type, bytes: data });
      awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(d), FROM_SERVER);
    } else {
      this.received.push({ type, bytes: data });
    }
  }

  send(bytes: Uint8Array) {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(bytes);
  }

  /** Sends this client's presence as an awareness update for its own client id. */
  sendPresence(state: Record<string, unknown> | null) {
    this.awareness.setLocalState(state);
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID]);
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, update);
    this.send(encoding.toUint8Array(e));
  }

  /**
   * A marker for "the server has handled everything this connection sent so far, and this connection
   * has received everything the server sent it before": asks for the server's state (sync step 1) and
   * resolves on the reply (messages of one connection are handled and delivered in order). For
   * negative assertions, instead of sleeping and hoping the forbidden message would have come by then.
   */
  async roundTrip(timeoutMs = 15_000): Promise<void> {
    const answers = () => this.received.filter((m) => m.type === 0 && m.step === 1).length;
    const before = answers();
    this.send(syncMessage(0, Y.encodeStateVector(this.doc)));
    await waitFor("the server's answer to a sync request", answers, (n) => n > before, timeoutMs);
  }

  /**
   * Resolves on the server's pong: its WebSocket has read every frame this client sent before the ping
   * (and sent, before the pong, whatever it answered to them at once). Works while the paper loads,
   * when sync requests may wait unanswered.
   */
  pong(timeoutMs = 15_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no pong from the server")), timeoutMs);
      this.ws.once("pong", () => {
        clearTimeout(timer);
        resolve();
      });
      this.ws.ping();
    });
  }

  /** Sends every local change the server may lack (after `live` was false). */
  pushAll() {
    this.send(syncMessage(2, Y.encodeStateAsUpdate(this.doc)));
  }

  text(): string {
    return paperText(this.doc);
  }

  /** Appends a paragraph with this text to the paper, as the editor would. */
  appendParagraph(text: string) {
    appendParagraph(this.doc, text);
  }

  /** Types into the last paragraph (one transaction per call). */
  typeAtEnd(text: string) {
    const fragment = this.doc.getXmlFragment("default");
    const last = fragment.get(fragment.length - 1);
    if (!(last instanceof Y.XmlElement)) return this.appendParagraph(text);
    const t = last.get(0);
    if (t instanceof Y.XmlText) t.insert(t.length, text);
    else last.insert(0, [new Y.XmlText(text)]);
  }

  async close() {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close();
    await Promise.race([this.closed, new Promise((r) => setTimeout(r, 2000))]);
    this.ws.terminate();
  }
}

export function syncMessage(step: 0 | 1 | 2, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, step);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

export function appendParagraph(doc: Y.Doc, text: string) {
  const fragment = doc.getXmlFragment("default");
  const p = new Y.XmlElement("paragraph");
  // Editors give every block they create its id (ADR 0062); without one the server would add it.
  p.setAttribute("blockid", randomUUID());
  p.insert(0, [new Y.XmlText(text)]);
  fragment.insert(fragment.length, [p]);
}

/** Polls until check() is true (or throws with the last value). */
export async function waitFor<T>(what: string, get: () => T, check: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = get();
    if (check(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(v)?.slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
