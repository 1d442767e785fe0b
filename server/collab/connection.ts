// One client's WebSocket on a paper: enforces the per-connection rules (rate, read-only, malformed
// frames, slow receivers) and hands well-formed messages to the room. A broken rule closes this
// connection with a code from options.ts and affects nothing else.
import type { WebSocket } from "ws";
import type { Logger } from "pino";
import { CloseCode, CloseError, TokenBucket, type CollabOptions } from "./options.js";
import { encodeSyncStep1, encodeSyncStep2, parseClientMessage } from "./protocol.js";
import type { PaperRoom, RoomMember } from "./room.js";

const MAX_EARLY_MESSAGES = 256;

export class CollabConnection implements RoomMember {
  readonly awarenessIds = new Set<number>();
  closed = false;
  room: PaperRoom | null = null;
  /** Document updates a read-only client sent (never applied, never relayed). */
  refusedWrites = 0;
  private early: Uint8Array[] | null = [];
  private readonly messageRate: TokenBucket;
  private readonly byteRate: TokenBucket;

  constructor(
    readonly ws: WebSocket,
    readonly user: { id: string; name: string },
    readonly paperId: string,
    readonly readOnly: boolean,
    private readonly options: CollabOptions,
    private readonly log: Logger,
  ) {
    this.messageRate = new TokenBucket(options.messagesPerSecond, options.messageBurst);
    this.byteRate = new TokenBucket(options.bytesPerSecond, options.byteBurst);
  }

  /** The paper is loaded: greet the client and replay what it sent while it loaded. */
  attach(room: PaperRoom) {
    this.room = room;
    room.add(this);
    // Writers get our state vector so they send back what we lack (offline edits); watchers need not.
    if (!this.readOnly) this.send(encodeSyncStep1(room.stateVector()));
    const presence = room.awarenessSnapshot();
    if (presence) this.send(presence);
    const early = this.early ?? [];
    this.early = null;
    for (const data of early) this.handle(data);
  }

  receive(data: Uint8Array, isBinary: boolean) {
    if (this.closed) return;
    if (!this.messageRate.take(1) || !this.byteRate.take(data.length)) {
      return this.close(CloseCode.rateLimited, "too many messages");
    }
    if (!isBinary) return this.close(CloseCode.malformed, "malformed message: text frame");
    if (this.early) {
      if (this.early.length >= MAX_EARLY_MESSAGES) return this.close(CloseCode.rateLimited, "too many messages before the paper opened");
      this.early.push(data);
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

  send(message: Uint8Array) {
    if (this.closed) return;
    if (this.ws.bufferedAmount > this.options.maxBufferedBytes) return this.close(CloseCode.tooSlow, "client too slow to keep up");
    this.ws.send(message, { binary: true }, (err) => {
      if (err) this.ws.terminate();
    });
  }

  close(code: CloseCode, reason: string) {
    if (this.closed) return;
    this.closed = true;
    // Close reasons are limited to 123 bytes by the protocol.
    this.ws.close(code, Buffer.from(reason).subarray(0, 120).toString());
    setTimeout(() => this.ws.terminate(), 5_000).unref();
  }
}
