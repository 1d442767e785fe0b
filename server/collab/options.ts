// Limits and timings of the collab server, and the WebSocket close codes a client sees when it breaks one.
// Defaults suit a working paper (text, a few MB at most); every value can be set from the environment.
import { PAPER_FRAGMENT } from "../../app/server-exports.server.js";

export interface CollabOptions {
  /** Largest WebSocket message accepted; larger frames are refused by ws with 1009. */
  maxMessageBytes: number;
  /** A paper whose encoded state would pass this refuses further growth (close 4413). */
  maxDocBytes: number;
  /** Per connection: messages per second (sustained) and burst. */
  messagesPerSecond: number;
  messageBurst: number;
  /** Per connection: bytes per second (sustained) and burst. */
  bytesPerSecond: number;
  byteBurst: number;
  /** A receiver that lets this much pile up unsent is too slow to keep up (close 4408). */
  maxBufferedBytes: number;
  /** Awareness client ids one connection may speak for (a tab has one). */
  maxAwarenessIdsPerConnection: number;
  /** How long a paper stays loaded after its last client left. */
  unloadGraceMs: number;
  /** How long an update may wait in Yjs' pending store for state the server lacks (offline catch-up). */
  pendingGraceMs: number;
  /** Compaction: a new snapshot when the update tail passes either threshold. */
  compactAfterUpdates: number;
  compactAfterBytes: number;
  /**
   * Commit window: accepted updates wait this long to be written together, one transaction for all
   * of them. Each transaction costs the server's thread (ORM, messages to the database thread) however
   * few rows it holds; the clients have every update already, so a crash in the window loses nothing
   * that their next sync does not bring back. A full batch does not wait (persistence.ts).
   */
  writeDelayMs: number;
  /** Write-behind queue bounds; above them the server stops reading from clients until it drains. */
  queueMaxBytes: number;
  queueMaxEntries: number;
  /** Top-level Yjs types a paper may hold; an update touching any other is from another document. */
  allowedRoots: string[];
  /**
   * Every open connection's session is asked again this often (reauth.ts), signal or not: sessions
   * expire and go idle without one, and a signal lost during a Redis outage is not waited for forever.
   */
  reauthSweepMs: number;
  /** A translation's changed blocks are written through to their rows this long after the last change (ADR 0074). */
  translationWriteDelayMs: number;
}

export const defaultCollabOptions: CollabOptions = {
  maxMessageBytes: 2 * 1024 * 1024,
  maxDocBytes: 16 * 1024 * 1024,
  messagesPerSecond: 200,
  messageBurst: 600,
  bytesPerSecond: 1024 * 1024,
  byteBurst: 8 * 1024 * 1024,
  maxBufferedBytes: 16 * 1024 * 1024,
  maxAwarenessIdsPerConnection: 4,
  unloadGraceMs: 10_000,
  pendingGraceMs: 3_000,
  compactAfterUpdates: 500,
  compactAfterBytes: 1024 * 1024,
  writeDelayMs: 1_000,
  queueMaxBytes: 32 * 1024 * 1024,
  queueMaxEntries: 20_000,
  allowedRoots: [PAPER_FRAGMENT],
  reauthSweepMs: 5 * 60_000,
  translationWriteDelayMs: 1_500,
};

const envNames: Partial<Record<keyof CollabOptions, string>> = {
  maxMessageBytes: "COLLAB_MAX_MESSAGE_BYTES",
  maxDocBytes: "COLLAB_MAX_DOC_BYTES",
  messagesPerSecond: "COLLAB_MESSAGES_PER_SECOND",
  messageBurst: "COLLAB_MESSAGE_BURST",
  bytesPerSecond: "COLLAB_BYTES_PER_SECOND",
  byteBurst: "COLLAB_BYTE_BURST",
  unloadGraceMs: "COLLAB_UNLOAD_GRACE_MS",
  pendingGraceMs: "COLLAB_PENDING_GRACE_MS",
  compactAfterUpdates: "COLLAB_COMPACT_AFTER_UPDATES",
  compactAfterBytes: "COLLAB_COMPACT_AFTER_BYTES",
  writeDelayMs: "COLLAB_WRITE_DELAY_MS",
  reauthSweepMs: "COLLAB_REAUTH_SWEEP_MS",
  translationWriteDelayMs: "COLLAB_TRANSLATION_WRITE_DELAY_MS",
};

export function collabOptions(overrides: Partial<CollabOptions> = {}, env: NodeJS.ProcessEnv = process.env): CollabOptions {
  const fromEnv: Partial<CollabOptions> = {};
  for (const [key, name] of Object.entries(envNames) as [keyof CollabOptions, string][]) {
    const raw = env[name];
    if (raw === undefined || raw === "") continue;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
    (fromEnv as Record<string, number>)[key] = n;
  }
  return { ...defaultCollabOptions, ...fromEnv, ...overrides };
}

/**
 * Close codes (4000–4999 are the application's). A y-websocket client reconnects after any close; the
 * editor shows the reason for the 44xx ones instead of retrying blindly.
 */
export const CloseCode = {
  /** Server shutting down (standard). */
  goingAway: 1001,
  /** Frame larger than maxMessageBytes (standard, sent by ws itself). */
  messageTooBig: 1009,
  /** The paper could not be loaded (standard "internal error"). */
  internalError: 1011,
  /** Bytes that are not a y-websocket message: unknown type, truncated, trailing garbage, bad JSON. */
  malformed: 4400,
  /** The connection's session ended (sign-out, signed out elsewhere, password change, disabled account). */
  signedOut: 4401,
  /** The session holds but may no longer open this paper (removed from the conference, new role). */
  forbidden: 4403,
  /** The receiver's send buffer passed maxBufferedBytes. */
  tooSlow: 4408,
  /** An update that belongs to another document (foreign top-level type, or state never supplied). */
  foreignUpdate: 4409,
  /** The paper would pass maxDocBytes. */
  paperTooLarge: 4413,
  /** Message or byte rate above the per-connection limit. */
  rateLimited: 4429,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** A broken rule that ends one connection (never the process, never the paper). */
export class CloseError extends Error {
  constructor(
    readonly code: CloseCode,
    reason: string,
  ) {
    super(reason);
    this.name = "CloseError";
  }
}

/** Token bucket: `rate` tokens per second, at most `burst` saved up. */
export class TokenBucket {
  private tokens: number;
  private last: number;
  constructor(
    private readonly rate: number,
    private readonly burst: number,
    now = performance.now(),
  ) {
    this.tokens = burst;
    this.last = now;
  }
  take(n: number, now = performance.now()): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }
}
