// One client's WebSocket on a paper: enforces the per-connection rules (rate, read-only, malformed
// frames, slow receivers) and hands well-formed messages to the room. A broken rule closes this
// connection with a code from options.ts and affects nothing else.
import type { Duplex } from "node:stream";
import type { WebSocket } from "ws";
import type { Logger } from "pino";
import { CloseCode, CloseError, TokenBucket, type CollabOptions } from "./options.js";
import { encodeSyncStep1, encodeSyncStep2, parseClientMessage } from "./protocol.js";
import type { PaperRoom, RoomMember } from "./room.js";
import type { StoredPaper } from "./persistence.js";
import { writeFrame } from "./wire.js";


const MAX_EARLY_MESSAGES = 256;

export class CollabConnection implements RoomMember {
  readonly awarenessIds = new Set<number>();
  closed = false;
  room: PaperRoom | null = null;
  /** Document updates a read-only client sent (never applied, never relayed). */
  refusedWrites = 0;
  private early: Uint8Array[] | null = [];
  /** The paper's stored bytes while it loads: sync requests are answered from them. */
  private stored: StoredPaper | null = null;
  private whenAnswered: (() => void) | null = null;
  private readonly messageRate: TokenBucket;
  private readonly byteRate: TokenBucket;

  get sessionId() {
    return this.session.sessionId;
  }
  get conferenceId() {
    return this.session.conferenceId;
  }
  get writeAction() {
    return this.session.writeAction;
  }

  constructor(
    readonly ws: WebSocket,
    /** The socket under ws, for broadcasts framed once (wire.ts). */
    private readonly socket: Duplex,
    readonly user: { id: string; name: string },
    readonly paperId: string,
    /** Set by the gate; re-authorisation may turn it on later (reauth.ts), never off. */
    public readOnly: boolean,
    private readonly options: CollabOptions,
    private readonly log: Logger,
    /**
     * What re-authorisation asks again (reauth.ts): the session the gate admitted, the paper's
     * conference, and the action that lets it write into this document (docs.ts).
     */
    readonly session: { sessionId: string; conferenceId: string; writeAction: "paper.edit" | "paper.translate" },
  ) {
    this.messageRate = new TokenBucket(options.messagesPerSecond, options.messageBurst);
    this.byteRate = new TokenBucket(options.bytesPerSecond, options.byteBurst);
  }

  /**
   * The paper's stored bytes were read and the document is being built from them: answer the sync
   * requests received so far (and until the paper opens) with them, as they are. Everything else the
   * client sends stays queued until attach, in order.
   */
  preload(stored: StoredPaper): Promise<void> {
    if (this.closed || !this.early) return Promise.resolve();
    this.stored = stored;
    const answered = new Promise<void>((r) => (this.whenAnswered = r));
    this.early = this.early.filter((data) => !this.answerFromStored(data));
    return answered;
  }

  /** True when data was a sync request and was answered from the stored bytes. */
  private answerFromStored(data: Uint8Array): boolean {
    if (!this.stored) return false;
    let isRequest: boolean;
    try {
      isRequest = parseClientMessage(data).kind === "sync-step1";
    } catch {
      return false; // handled (and the connection closed) in order, at attach
    }
    if (!isRequest) return false;
    // Everything stored, whatever the client's state vector says (applying known updates is a no-op),
    // in the one step 2 (a client counts itself synced on it, so the rows cannot follow separately).
    // The document is built once the answer is out: a large paper's build holds the thread, and a send
    // still queued in user space would wait for it.
    const answered = this.whenAnswered;
    this.whenAnswered = null;
    this.send(encodeSyncStep2(this.stored.state()), answered ?? undefined);
    return true;
  }

  /** The paper is loaded: greet the client and replay what it sent while it loaded. */
  attach(room: PaperRoom) {
    this.room = room;
    this.stored = null;
    room.add(this);
    // Writers get our state vector so they send back what we lack (offline edits); watchers need not.
    if (!this.readOnly) this.send(encodeSyncStep1(room.stateVector()));
    const presence = room.awarenessSnapshot();
    if (presence) this.send(presence);
    const early = this.early ?? [];
    this.early = null;
    for (const data of early) this.handle(data);
  }

  /**
   * The client left before the paper opened: its edits sent meanwhile (it may have been answered from
   * the stored bytes and typed) are still applied, so nothing it sent is lost.
   */
  salvage(room: PaperRoom) {
    const early = this.early ?? [];
    this.early = null;
    this.stored = null;
    if (this.readOnly) return;
    for (const data of early) {
      try {
        const message = parseClientMessage(data);
        if (message.kind === "sync-step2" || message.kind === "update") room.applyClientUpdate(this, message.update);
      } catch (err) {
        this.log.info({ err, paperId: this.paperId, userId: this.user.id }, "collab: edit sent before leaving was refused");
        return;
      }
    }
  }

  receive(data: Uint8Array, isBinary: boolean) {
    if (this.closed) return;
    if (!this.messageRate.take(1) || !this.byteRate.take(data.length)) {
      return this.close(CloseCode.rateLimited, "too many messages");
    }
    if (!isBinary) return this.close(CloseCode.malformed, "malformed message: text frame");
    if (this.early) {
      if (this.early.length >= MAX_EARLY_MESSAGES) return this.close(CloseCode.rateLimited, "too many messages before the paper opened");
      if (!this.answerFromStored(data)) this.early.push(data);
      return;
    }
    this.handle(data);
  }

  private handle(data: Uint8Array) {
    if (this.closed || !this.room) return;
    try {
      const message = parseClientMessage(data);
      switch (message.kind) {
        case "sync-step1":
          this.send(encodeSyncStep2(this.room.diff(message.stateVector)));
          break;
        case "sync-step2":
        case "update":
          if (this.readOnly) {
            // Never applied, never relayed. Not closed either: an editor in read-only mode may still
            // emit its own normalisation once, and closing would only make it reconnect and retry.
            if (this.refusedWrites++ === 0) this.log.info({ paperId: this.paperId, userId: this.user.id }, "collab: update from a read-only connection ignored");
            break;
          }
          this.room.applyClientUpdate(this, message.update);
          break;
        case "awareness":
          this.room.applyClientAwareness(this, message.update);
          break;
        case "query-awareness": {
          const presence = this.room.awarenessSnapshot();
          if (presence) this.send(presence);
          break;
        }
      }
    } catch (err) {
      if (err instanceof CloseError) {
        this.log.info({ paperId: this.paperId, userId: this.user.id, code: err.code, reason: err.message }, "collab: connection closed for a broken rule");
        return this.close(err.code, err.message);
      }
      this.log.error({ err, paperId: this.paperId }, "collab: message handling failed");
      this.close(CloseCode.internalError, "internal error");
    }
  }

  /** onWritten: once the message is handed to the operating system (or could not be). */
  send(message: Uint8Array, onWritten?: () => void) {
    if (!this.keepingUp()) return onWritten?.();
    this.ws.send(message, { binary: true }, (err) => {
      if (err) this.ws.terminate();
      onWritten?.();
    });
  }

  sendFrame(frame: Buffer) {
    if (this.keepingUp()) writeFrame(this.ws, this.socket, frame);
  }

  /** False when closed, or when the client lets too much pile up unsent (it is then closed). */
  private keepingUp(): boolean {
    if (this.closed) return false;
    // ws counts what waits in the socket too, so frames written by sendFrame are in it.
    if (this.ws.bufferedAmount <= this.options.maxBufferedBytes) return true;
    this.close(CloseCode.tooSlow, "client too slow to keep up");
    return false;
  }

  close(code: CloseCode, reason: string) {
    if (this.closed) return;
    this.closed = true;
    // Close reasons are limited to 123 bytes by the protocol.
    this.ws.close(code, Buffer.from(reason).subarray(0, 120).toString());
    setTimeout(() => this.ws.terminate(), 5_000).unref();
  }
}
