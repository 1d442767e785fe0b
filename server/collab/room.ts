// One open document (a paper, or a paper's translation into one language: docs.ts): its live Y.Doc
// and awareness, the connections editing or watching it, and the one place where an accepted change
// leaves the process. Changes of one event-loop turn are coalesced
// (ADR 0012): the writers' updates of a turn are applied in one Yjs transaction, whose update is
// broadcast to the paper's clients and published once on the bus; the write-behind queue gets one row
// per author.
import * as Y from "yjs";
import * as awarenessProtocol from "y-protocols/awareness";
import type { Logger } from "pino";
import type { PaperBus } from "./bus.js";
import type { PaperPersistence, LoadedPaper, StoredPaper } from "./persistence.js";
import { CloseCode, CloseError, type CollabOptions } from "./options.js";
import { decodeAwarenessUpdate, encodeAwareness, encodeAwarenessEntries, encodeUpdate } from "./protocol.js";
import { binaryFrame } from "./wire.js";
import { blockIdsNeedRepair, repairBlockIds } from "../../app/server-exports.server.js";
import { checkUpdate, dropPending, encodeIntegratedState, hasPending, type DocRules } from "./update-guard.js";
import { rulesFor, type DocRef } from "./docs.js";

/** Who a connection speaks for, as the room needs it. */
export interface RoomMember {
  readonly user: { id: string; name: string };
  /** The session the gate admitted (a translation is written through to its rows as this session's user). */
  readonly sessionId: string;
  readonly readOnly: boolean;
  readonly awarenessIds: Set<number>;
  send(message: Uint8Array): void;
  /** A broadcast, framed once for every receiver (wire.ts). */
  sendFrame(frame: Buffer): void;
  close(code: CloseCode, reason: string): void;
}

/** Where a change came from: a client of this instance, another instance, or domain code (PaperStore). */
export type ChangeOrigin = RoomMember | typeof REMOTE | StoreOrigin | Turn;
export const REMOTE = Symbol("remote instance");
export class StoreOrigin {
  /** author: the user the change is recorded under; null for the server's own (block id repair). */
  constructor(readonly author: string | null) {}
}

export interface RoomDeps {
  persistence: PaperPersistence;
  bus: PaperBus;
  options: CollabOptions;
  log: Logger;
  /** After an accepted change of this instance is committed (daily versions hang here). */
  onPersisted?(paperId: string): void;
  /**
   * A change made in this instance (writers' turn or domain code, not another instance's), as it is
   * applied: the translations' write-through to their rows hangs here (translation-writes.ts).
   */
  onLocalChange?(room: PaperRoom, transaction: Y.Transaction, writers: RoomMember[]): void;
}

interface Pending {
  update: Uint8Array;
  origin: ChangeOrigin;
}

/** An update waiting for its turn's transaction: a writer's here (member), or another instance's (null). */
interface Incoming {
  member: RoomMember | null;
  update: Uint8Array;
}

/** Origin of a turn's transaction of writers' updates: who wrote what, and the paper's state before it. */
class Turn {
  readonly authors: { member: RoomMember; update: Uint8Array }[] = [];
  before = new Map<number, number>();
  /** An update of the turn failed halfway: what it did integrate is in the transaction, in no author's. */
  failed = false;

  /**
   * The rows to append, one per user, each holding only what the turn added to the paper (a
   * reconnecting client resends what the server has; storing that again would grow the log by whole
   * papers). One user: the transaction's own update, which Yjs emitted for what it integrated. Several:
   * each one's updates without what the paper had before the turn. A turn with a failed update is
   * stored whole, unattributed: its half-applied part is in the live paper (and was broadcast).
   */
  rows(update: Uint8Array): Map<string | null, Uint8Array> {
    const byUser = new Map<string, Uint8Array[]>();
    for (const a of this.authors) {
      const updates = byUser.get(a.member.user.id);
      if (updates) updates.push(a.update);
      else byUser.set(a.member.user.id, [a.update]);
    }
    if (this.failed || byUser.size <= 1) return new Map([[this.failed ? null : (byUser.keys().next().value ?? null), update]]);
    const before = Y.encodeStateVector(this.before);
    const rows = new Map<string | null, Uint8Array>();
    for (const [user, updates] of byUser) {
      const added = Y.diffUpdate(updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates), before);
      if (added.length > EMPTY_UPDATE_BYTES) rows.set(user, added);
    }
    return rows;
  }
}

/** An update with no structs and an empty delete set ([0, 0]). */
const EMPTY_UPDATE_BYTES = 2;

/** The one connection every change of this flush came from, if there is one (it is not sent its own edits). */
function soleAuthor(items: Pending[]): RoomMember | null {
  let sole: RoomMember | null = null;
  for (const i of items) {
    if (!(i.origin instanceof Turn)) return null;
    for (const a of i.origin.authors) {
      if (sole && a.member !== sole) return null;
      sole = a.member;
    }
  }
  return sole;
}

/** A state vector that names no client: a Y.Doc that has nothing yet. */
const isEmptyStateVector = (sv: Uint8Array) => sv.length === 1 && sv[0] === 0;

export class PaperRoom {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly members = new Set<RoomMember>();
  /** Holders besides members (a PaperStore change, a connection still being attached). */
  leases = 0;

  private batch: Pending[] = [];
  private incoming: Incoming[] = [];
  private awarenessBatch = new Map<number, ChangeOrigin>();
  private scheduled = false;
  private readonly appended = new Map<ChangeOrigin, Promise<void>>();
  /** Encoded size of the paper, kept as an upper bound and re-measured near the limit. */
  private bytes: number;
  private readonly awarenessOwners = new Map<number, RoomMember>();
  private readonly rules: DocRules;
  private pendingSuspects = new Set<RoomMember>();
  private pendingTimer: NodeJS.Timeout | null = null;
  private destroyed = false;
  private whole: Uint8Array | null = null;
  private stored: StoredPaper | null;

  /** The document's name (docs.ts); a paper's is its id. */
  readonly paperId: string;

  constructor(
    readonly ref: DocRef,
    loaded: LoadedPaper,
    private readonly deps: RoomDeps,
  ) {
    this.paperId = ref.name;
    this.doc = loaded.doc;
    this.bytes = loaded.bytes;
    // Until the first change, a newcomer's whole paper is the bytes it was just built from.
    this.stored = loaded.stored && !hasPending(loaded.doc) ? loaded.stored : null;
    this.rules = rulesFor(ref, new Set(deps.options.allowedRoots));
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    // The server is no participant: it only relays others' presence.
    this.awareness.setLocalState(null);
    this.doc.on("update", (update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
      this.whole = null;
      this.stored = null;
      // A turn's updates were counted as they arrived.
      if (origin instanceof Turn) origin.before = transaction.beforeState;
      else this.bytes += update.length;
      this.batch.push({ update, origin: (origin ?? REMOTE) as ChangeOrigin });
      if (origin instanceof Turn || origin instanceof StoreOrigin) this.deps.onLocalChange?.(this, transaction, origin instanceof Turn ? origin.authors.map((a) => a.member) : []);
      this.schedule();
    });
    this.awareness.on("update", ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      for (const id of [...added, ...updated, ...removed]) this.awarenessBatch.set(id, origin as ChangeOrigin);
      this.schedule();
    });
    // Blocks stored before ids existed, or by a writer that gave none, get theirs before anyone edits.
    this.repairBlockIds();
  }

  /**
   * Missing or duplicated block ids (ADR 0062) are written by the server, as one change of its own:
   * the ids are derived from the blocks' Yjs items, so another instance repairing the same state
   * writes the same values.
   */
  private repairBlockIds() {
    if (this.ref.kind !== "paper" || !blockIdsNeedRepair(this.doc)) return;
    this.doc.transact(() => repairBlockIds(this.doc), new StoreOrigin(null));
  }

  get holders(): number {
    return this.members.size + this.leases;
  }

  add(member: RoomMember) {
    this.members.add(member);
  }

  remove(member: RoomMember) {
    if (!this.members.delete(member)) return;
    this.pendingSuspects.delete(member);
    const ids = [...member.awarenessIds].filter((id) => this.awarenessOwners.get(id) === member);
    for (const id of ids) this.awarenessOwners.delete(id);
    awarenessProtocol.removeAwarenessStates(this.awareness, ids, member);
  }

  /**
   * What a client is missing, given its state vector (sync step 1 → step 2). Newcomers (an empty
   * state vector) get the whole paper, encoded once and kept until the next change: encoding a large
   * paper costs as much as applying it, and people tend to arrive together before a meeting.
   */
  diff(stateVector?: Uint8Array): Uint8Array {
    if (stateVector && !isEmptyStateVector(stateVector)) return encodeIntegratedState(this.doc, stateVector);
    return (this.whole ??= this.stored?.state() ?? encodeIntegratedState(this.doc));
  }

  stateVector(): Uint8Array {
    return Y.encodeStateVector(this.doc);
  }

  /** Current presence of everyone in the paper, for a newcomer; null when nobody is there. */
  awarenessSnapshot(): Uint8Array | null {
    const ids = [...this.awareness.getStates().keys()];
    return ids.length ? encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)) : null;
  }

  /**
   * A writer's update (sync step 2 or update): checked now (throws CloseError when it must end the
   * connection), applied with the rest of this turn's updates in one transaction. Every Yjs
   * transaction walks the whole state vector, twice, and a paper gains a client id per editor session:
   * applied one by one, 2,500 updates a second into a paper with ~2,000 client ids held the thread for
   * seconds (bench:collab, N = 500), and merging them for the broadcast grew with their square.
   */
  applyClientUpdate(member: RoomMember, update: Uint8Array) {
    if (member.readOnly) throw new Error("read-only members never reach applyClientUpdate");
    checkUpdate(update, this.rules);
    const { maxDocBytes } = this.deps.options;
    if (this.bytes + update.length > maxDocBytes) {
      this.bytes = encodeIntegratedState(this.doc).length;
      if (this.bytes + update.length > maxDocBytes) {
        throw new CloseError(CloseCode.paperTooLarge, `paper would pass ${maxDocBytes} bytes`);
      }
    }
    // Counted now, so that the next update of this turn sees the paper's size with this one in it.
    this.bytes += update.length;
    this.incoming.push({ member, update });
    this.schedule();
  }

  /**
   * This turn's updates in two transactions, other instances' (origin REMOTE: neither persisted nor
   * republished) and this instance's writers' (origin a Turn); each emits one update to the batch.
   */
  private applyIncoming() {
    const items = this.incoming;
    this.incoming = [];
    const remote = items.filter((i) => !i.member);
    const writers = items.filter((i) => i.member);
    if (remote.length) this.applyInOneTransaction(remote, REMOTE);
    if (writers.length) {
      this.applyInOneTransaction(writers, new Turn());
      this.repairBlockIds();
    }
  }

  private applyInOneTransaction(items: Incoming[], origin: Turn | typeof REMOTE) {
    Y.transact(
      this.doc,
      () => {
        for (const { member, update } of items) {
          const hadPending = hasPending(this.doc);
          try {
            Y.applyUpdate(this.doc, update, origin);
          } catch (err) {
            if (origin instanceof Turn) origin.failed = true;
            if (!member) {
              this.deps.log.error({ err, paperId: this.paperId }, "collab: update from another instance failed to apply");
              continue;
            }
            const reason = `update could not be applied: ${(err as Error).message}`;
            this.deps.log.info({ paperId: this.paperId, userId: member.user.id, reason }, "collab: connection closed for a broken rule");
            member.close(CloseCode.malformed, reason);
            continue;
          }
          if (member && origin instanceof Turn) origin.authors.push({ member, update });
          this.watchPending(member, hadPending);
        }
      },
      origin,
    );
  }

  /** A client's presence: only for the awareness ids it owns, with its name as the server knows it. */
  applyClientAwareness(member: RoomMember, update: Uint8Array) {
    const accepted = [];
    for (const entry of decodeAwarenessUpdate(update)) {
      const owner = this.awarenessOwners.get(entry.clientId);
      if (owner && owner !== member) continue;
      if (!owner) {
        if (entry.state === null || member.awarenessIds.size >= this.deps.options.maxAwarenessIdsPerConnection) continue;
        this.awarenessOwners.set(entry.clientId, member);
        member.awarenessIds.add(entry.clientId);
      }
      if (entry.state) {
        const claimed = entry.state.user;
        const user = typeof claimed === "object" && claimed !== null && !Array.isArray(claimed) ? claimed : {};
        entry.state = { ...entry.state, user: { ...user, id: member.user.id, name: member.user.name, readOnly: member.readOnly } };
      }
      accepted.push(entry);
    }
    if (accepted.length) awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(accepted), member);
  }

  /** Another instance's change: applied with the others of this turn, in one transaction (as writers' are). */
  applyRemoteUpdate(update: Uint8Array) {
    this.incoming.push({ member: null, update });
    this.schedule();
  }

  applyRemoteAwareness(update: Uint8Array) {
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE);
    } catch (err) {
      this.deps.log.error({ err, paperId: this.paperId }, "collab: awareness from another instance failed to apply");
    }
  }

  /** Another instance opened this paper: send it what it lacks and who is here. */
  answerSyncRequest(stateVector: Uint8Array) {
    const diff = this.diff(stateVector);
    if (diff.length > 2) this.deps.bus.publishUpdate(this.paperId, diff);
    const ids = [...this.awarenessOwners.keys()].filter((id) => this.awareness.getStates().has(id));
    if (ids.length) this.deps.bus.publishAwareness(this.paperId, awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids));
  }

  /**
   * Domain change (PaperStore.change): fn runs on a working copy inside one transaction; only if it
   * returns is its update applied to the live paper, as one transaction, then broadcast and persisted.
   * Resolves when the update is committed to the database.
   */
  async change<T>(author: string, fn: (doc: Y.Doc) => T): Promise<T> {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, this.diff());
    let update: Uint8Array | null = null;
    copy.on("update", (u: Uint8Array) => {
      update = update ? Y.mergeUpdates([update, u]) : u;
    });
    // Blocks a domain change creates (a merge's split, a restore) get their ids in the same change.
    const result = copy.transact(() => {
      const r = fn(copy);
      if (this.ref.kind === "paper") repairBlockIds(copy);
      return r;
    }, author);
    copy.destroy();
    if (!update) return result;
    const origin = new StoreOrigin(author);
    Y.applyUpdate(this.doc, update, origin);
    this.flush();
    await this.appended.get(origin);
    this.appended.delete(origin);
    return result;
  }

  private watchPending(member: RoomMember | null, hadPending: boolean) {
    const pendingNow = hasPending(this.doc);
    if (!pendingNow) {
      if (hadPending || this.pendingTimer) this.clearPending();
      return;
    }
    if (member && !hadPending) this.pendingSuspects.add(member);
    if (this.pendingTimer) return;
    // Legitimate while a client catches up (its offline state arrives a round trip later); not for long.
    this.pendingTimer = setTimeout(() => this.pendingExpired(), this.deps.options.pendingGraceMs);
    this.pendingTimer.unref();
  }

  private clearPending() {
    if (this.pendingTimer) clearTimeout(this.pendingTimer);
    this.pendingTimer = null;
    this.pendingSuspects.clear();
  }

  private pendingExpired() {
    this.pendingTimer = null;
    if (!hasPending(this.doc)) return this.clearPending();
    if (this.pendingSuspects.size === 0) {
      // Caused by another instance's message we missed: ask again rather than drop.
      this.deps.bus.requestSync(this.paperId, this.stateVector());
      this.pendingTimer = setTimeout(() => this.pendingExpired(), this.deps.options.pendingGraceMs);
      this.pendingTimer.unref();
      this.pendingSuspects.clear();
      return;
    }
    dropPending(this.doc);
    for (const m of this.pendingSuspects) m.close(CloseCode.foreignUpdate, "update depends on state this paper does not have");
    this.deps.log.warn({ paperId: this.paperId, connections: this.pendingSuspects.size }, "collab: dropped updates with missing dependencies");
    this.pendingSuspects.clear();
  }

  private schedule() {
    if (this.scheduled || this.destroyed) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  /** Sends, publishes and queues for writing everything that changed since the last flush. */
  flush() {
    if (this.incoming.length) this.applyIncoming();
    this.scheduled = false;
    if (this.batch.length) this.flushUpdates();
    if (this.awarenessBatch.size) this.flushAwareness();
  }

  private flushUpdates() {
    const items = this.batch;
    this.batch = [];
    const merged = items.length === 1 ? items[0]!.update : Y.mergeUpdates(items.map((i) => i.update));
    // A sole author already has its change; with several, everyone gets the one merged message.
    const sole = soleAuthor(items);
    const frame = binaryFrame(encodeUpdate(merged));
    for (const m of this.members) if (m !== sole) m.sendFrame(frame);

    const local = items.filter((i) => i.origin !== REMOTE);
    if (local.length < items.length) {
      for (const i of items) if (i.origin === REMOTE) this.deps.persistence.noteForeignAppend(this.paperId, i.update.length);
    }
    if (!local.length) return;
    this.deps.bus.publishUpdate(this.paperId, local.length === items.length ? merged : Y.mergeUpdates(local.map((i) => i.update)));
    // One row per author per turn keeps attribution (PaperUpdate.userId) without a row per keystroke.
    const rows = new Map<string | null, { parts: Uint8Array[]; stores: StoreOrigin[] }>();
    const add = (author: string | null, data: Uint8Array, store?: StoreOrigin) => {
      const row = rows.get(author) ?? { parts: [], stores: [] };
      row.parts.push(data);
      if (store) row.stores.push(store);
      rows.set(author, row);
    };
    for (const i of local) {
      if (i.origin instanceof Turn) for (const [user, data] of i.origin.rows(i.update)) add(user, data);
      else if (i.origin instanceof StoreOrigin) add(i.origin.author, i.update, i.origin);
    }
    for (const [author, { parts, stores }] of rows) {
      const written = this.deps.persistence.append(this.paperId, parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts), author);
      written.then(
        () => this.deps.onPersisted?.(this.paperId),
        (err) => this.deps.log.error({ err, paperId: this.paperId }, "collab: update not persisted"),
      );
      for (const store of stores) this.appended.set(store, written);
    }
  }

  private flushAwareness() {
    const changes = this.awarenessBatch;
    this.awarenessBatch = new Map();
    const ids = [...changes.keys()];
    const origins = new Set(changes.values());
    const sole = origins.size === 1 ? [...origins][0] : null;
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids);
    const frame = binaryFrame(encodeAwareness(update));
    for (const m of this.members) if (m !== sole) m.sendFrame(frame);
    const localIds = ids.filter((id) => changes.get(id) !== REMOTE);
    if (localIds.length) {
      this.deps.bus.publishAwareness(this.paperId, localIds.length === ids.length ? update : awarenessProtocol.encodeAwarenessUpdate(this.awareness, localIds));
    }
  }

  /** Flushes what is left and frees the document (unload). */
  destroy() {
    if (this.destroyed) return;
    this.flush();
    this.destroyed = true;
    this.clearPending();
    this.awareness.destroy();
    this.doc.destroy();
  }
}
