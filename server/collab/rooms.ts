// Which documents (papers and translations, by name: docs.ts) are open in this process: loads each
// once (however many clients arrive together), joins its bus channel, hands the stored bytes to clients waiting for a paper being loaded (so they
// are answered from the database without waiting for the document to be built), and unloads it a grace period after its last holder left.
import * as Y from "yjs";
import { PaperRoom, type RoomDeps } from "./room.js";
import { parseDocName } from "./docs.js";
import type { StoredPaper } from "./persistence.js";

/** Resolves once the listener's client was answered (the fold waits for that, at most ANSWER_WAIT_MS). */
type StoredListener = (stored: StoredPaper) => Promise<void> | void;

/** How long the fold may wait for clients whose sync request is still on its way. */
const ANSWER_WAIT_MS = 50;

/** A paper opened for a client still at the gate (PaperRooms.reserve). */
export interface Reservation {
  /** The paper with a lease taken for the client (give it back with release), or null if there is none. */
  readonly room: Promise<PaperRoom | null>;
  /** The client is connected: answer it from the stored bytes if they come before the paper opens. */
  connect(preload: StoredListener): void;
  /**
   * Gives the lease back once the paper is open (only the first call counts); a client that was not
   * answered yet is no longer waited for. Called when the client was attached, refused or gone.
   */
  release(): void;
}

export class PaperRooms {
  private readonly open = new Map<string, PaperRoom>();
  private readonly loading = new Map<string, Promise<PaperRoom | null>>();
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>();
  /** While a paper loads: its stored bytes once read, and who waits for them. */
  private readonly stored = new Map<string, StoredPaper>();
  private readonly storedListeners = new Map<string, Set<StoredListener>>();

  constructor(private readonly deps: RoomDeps) {}

  get size(): number {
    return this.open.size;
  }

  get(paperId: string): PaperRoom | undefined {
    return this.open.get(paperId);
  }

  /**
   * The open paper with a lease taken (give it back with release), or null if there is no such paper.
   * onStored is called (at most once, before this resolves) with the paper's stored bytes when the
   * paper has to be loaded and they are read before the document is built.
   */
  async acquire(paperId: string, onStored?: StoredListener): Promise<PaperRoom | null> {
    const timer = this.unloadTimers.get(paperId);
    if (timer) {
      clearTimeout(timer);
      this.unloadTimers.delete(paperId);
    }
    let room = this.open.get(paperId);
    if (!room) {
      let loading = this.loading.get(paperId);
      if (onStored) {
        const stored = this.stored.get(paperId);
        if (stored) onStored(stored);
        else {
          let listeners = this.storedListeners.get(paperId);
          if (!listeners) this.storedListeners.set(paperId, (listeners = new Set()));
          listeners.add(onStored);
        }
      }
      if (!loading) {
        loading = this.load(paperId).finally(() => {
          this.loading.delete(paperId);
          this.stored.delete(paperId);
          this.storedListeners.delete(paperId);
        });
        this.loading.set(paperId, loading);
      }
      room = (await loading) ?? undefined;
    }
    if (!room) return null;
    room.leases++;
    return room;
  }

  /**
   * Starts opening a paper while its client is still at the gate, so the database read overlaps the
   * session lookup and the WebSocket handshake. The load waits (at most ANSWER_WAIT_MS, like any
   * client's answer) for the client to connect and be answered before it builds the document.
   */
  reserve(paperId: string): Reservation {
    // What to answer the stored bytes with: the connection's preload, or nothing once released.
    let settle!: (preload: StoredListener | null) => void;
    const client = new Promise<StoredListener | null>((r) => (settle = r));
    const room = this.acquire(paperId, async (stored) => {
      const preload = await client;
      await preload?.(stored);
    });
    let released = false;
    return {
      room,
      connect: (preload) => settle(preload),
      release: () => {
        if (released) return;
        released = true;
        settle(null);
        void room.then((r) => r && this.release(r), () => {});
      },
    };
  }

  release(room: PaperRoom) {
    room.leases--;
    this.unloadIfIdle(room);
  }

  /** Called when a member left or a lease was returned. */
  unloadIfIdle(room: PaperRoom) {
    if (room.holders > 0 || this.open.get(room.paperId) !== room || this.unloadTimers.has(room.paperId)) return;
    const timer = setTimeout(() => {
      this.unloadTimers.delete(room.paperId);
      if (room.holders === 0 && this.open.get(room.paperId) === room) this.unload(room);
    }, this.deps.options.unloadGraceMs);
    timer.unref();
    this.unloadTimers.set(room.paperId, timer);
  }

  private unload(room: PaperRoom) {
    this.open.delete(room.paperId);
    this.deps.bus.leave(room.paperId);
    room.destroy();
    void this.deps.persistence.forget(room.paperId, () => !this.open.has(room.paperId) && !this.loading.has(room.paperId));
  }

  private async load(paperId: string): Promise<PaperRoom | null> {
    const { bus, persistence } = this.deps;
    const ref = parseDocName(paperId);
    if (!ref) return null;
    // Subscribe before reading the database, so nothing published meanwhile is missed.
    let room: PaperRoom | undefined;
    const early: ((r: PaperRoom) => void)[] = [];
    const whenOpen = (fn: (r: PaperRoom) => void) => (room ? fn(room) : early.push(fn));
    await bus.join(paperId, {
      update: (u) => whenOpen((r) => r.applyRemoteUpdate(u)),
      awareness: (u) => whenOpen((r) => r.applyRemoteAwareness(u)),
      syncRequest: (sv) => whenOpen((r) => r.answerSyncRequest(sv)),
      resync: () => whenOpen((r) => bus.requestSync(paperId, r.stateVector())),
    });
    try {
      const loaded = await persistence.load(paperId, async (stored) => {
        this.stored.set(paperId, stored);
        const listeners = this.storedListeners.get(paperId);
        this.storedListeners.delete(paperId);
        const answered = [...(listeners ?? [])].map((fn) => fn(stored));
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<void>((r) => (timer = setTimeout(r, ANSWER_WAIT_MS)));
        await Promise.race([Promise.all(answered), deadline]);
        clearTimeout(timer);
      });
      if (!loaded) {
        bus.leave(paperId);
        return null;
      }
      room = new PaperRoom(ref, loaded, this.deps);
      this.open.set(paperId, room);
      for (const fn of early) fn(room);
      // Others may hold updates not yet in the database (their write queues).
      if (bus.distributed) bus.requestSync(paperId, Y.encodeStateVector(room.doc));
      return room;
    } catch (err) {
      bus.leave(paperId);
      throw err;
    }
  }

  /** Shutdown: flush every open paper's last changes into the write queue and free them. */
  closeAll() {
    for (const t of this.unloadTimers.values()) clearTimeout(t);
    this.unloadTimers.clear();
    for (const room of this.open.values()) {
      this.deps.bus.leave(room.paperId);
      room.destroy();
    }
    this.open.clear();
  }
}
