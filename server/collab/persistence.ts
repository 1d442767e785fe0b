// A live document in the database (ADR 0010): the latest snapshot plus the update rows after it; a
// paper's in PaperSnapshot/PaperUpdate, a translation's in TranslationSnapshot/TranslationUpdate (ADR
// 0074, docs.ts). Documents are named as in docs.ts; "paperId" below is that name. Accepted updates are appended through a bounded write-behind queue, off the broadcast path; one
// worker writes them in batches and, between batches, compacts papers whose tail passed a threshold by
// folding snapshot + tail into a Y.Doc and encoding it (never Y.mergeUpdates over the history).
//
// Every read that folds the log and every compaction holds the paper's advisory lock exclusively;
// appends hold it shared. So a fold never misses a row whose id was taken by a transaction that had not
// committed yet (ids come from a sequence, commit order can differ), which would lose it at compaction.
//
// All of it is plain SQL on the database runner, no ORM: the ORM's per-query work ran on the server's
// thread between two broadcasts (bench/README.md).
import { randomUUID } from "node:crypto";
import * as Y from "yjs";
import type { Logger } from "pino";
import type { CollabOptions } from "./options.js";
import type { SqlRunner, SqlTx } from "../db/migrate.js";
import { Folder } from "./fold.js";
import { docFromStored } from "./stored-doc.mjs";
import { parseDocName, tablesFor, type DocRef } from "./docs.js";
import { translationDocFrom } from "../../app/server-exports.server.js";

function refOf(name: string): DocRef {
  const ref = parseDocName(name);
  if (!ref) throw new Error(`not a document name: ${name.slice(0, 80)}`);
  return ref;
}

export interface LoadedPaper {
  doc: Y.Doc;
  /** Encoded size of the state at load (snapshot + tail), a starting point for the size limit. */
  bytes: number;
  /** The bytes it was built from, when it was not folded into a new snapshot on this load. */
  stored?: StoredPaper;
}

/** The paper's stored bytes as read at load, before any of them is applied (ADR 0011: cold open). */
export interface StoredPaper {
  /**
   * The stored state as one update, for sync step 2: the snapshot as it is when no rows follow it,
   * else the snapshot merged with its tail (bounded by the compaction threshold, never the history).
   * Computed on first use and kept.
   */
  state(): Uint8Array;
}

/** A Yjs update that changes nothing (a paper with no stored state). */
const EMPTY_UPDATE = new Uint8Array([0, 0]);

function storedPaper(snapshot: Uint8Array | null, rows: Uint8Array[]): StoredPaper {
  let state: Uint8Array | null = null;
  return {
    state() {
      if (!state) {
        const parts = snapshot ? [snapshot, ...rows] : rows;
        state = parts.length === 0 ? EMPTY_UPDATE : parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts);
      }
      return state;
    },
  };
}

interface Tail {
  count: number;
  bytes: number;
}

interface Entry {
  paperId: string;
  data: Uint8Array;
  author: string | null;
  done: { resolve(): void; reject(err: Error): void };
}

const PAGE = 5_000;
const BATCH = 500;

const lockKey = (paperId: string) => `tawafuq.paper:${paperId}`;
/** The paper's advisory lock for this transaction: exclusive to fold, shared to append ($1 = lockKey). */
const lockSql = (mode: "exclusive" | "shared") =>
  `SELECT ${mode === "exclusive" ? "pg_advisory_xact_lock" : "pg_advisory_xact_lock_shared"}(hashtext($1))::text AS locked`;
async function lockPaper(tx: SqlTx, paperId: string, mode: "exclusive" | "shared") {
  await tx.query(lockSql(mode), [lockKey(paperId)]);
}

/** bytea as the driver hands it (Buffer from pg, Uint8Array from PGlite). */
const bytes = (v: unknown): Uint8Array => v as Uint8Array;
const asParam = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

function isForeignKeyError(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === "P2003" || /foreign key/i.test(e?.message ?? "");
}

export class PaperPersistence {
  private queue: Entry[] = [];
  private queuedBytes = 0;
  private compactions = new Set<string>();
  private tails = new Map<string, Tail>();
  private working: Promise<void> | null = null;
  private drainWaiters: (() => void)[] = [];
  private closed = false;
  private abandoned = false;
  private flushing = 0;
  private wake: (() => void) | null = null;
  private readonly folder = new Folder();
  private compactingNow = 0;

  constructor(
    private readonly log: Logger,
    private readonly options: Pick<CollabOptions, "compactAfterUpdates" | "compactAfterBytes" | "queueMaxBytes" | "queueMaxEntries" | "writeDelayMs">,
    /** Plain SQL on the application's database. */
    private readonly sql: SqlRunner,
  ) {}

  /**
   * The paper's document from the database, or null when there is no such paper. onStored gets the
   * stored bytes before they are folded (not when a long tail is folded into a new snapshot first),
   * so clients can be answered while the document is built.
   */
  async load(paperId: string, onStored?: (stored: StoredPaper) => Promise<void> | void): Promise<LoadedPaper | null> {
    // Reopened right after an unload: its last updates may still be queued (or being written) here.
    await this.flushPaper(paperId);
    // The usual case in one statement, without a transaction: a statement reads one consistent state
    // (a concurrent compaction's snapshot and deletes are one commit), and what another instance has
    // not committed yet reaches the room through the bus and its sync request (rooms.ts).
    const quick = await readStored(this.sql, paperId, { wholeTail: false });
    if (!quick) return null;
    const read =
      quick.complete && !this.overThreshold(quick.tail) && !needsSeed(paperId, quick)
        ? { kind: "stored" as const, stored: quick }
        : await this.sql.transaction(async (tx) => {
            await lockPaper(tx, paperId, "exclusive");
            const stored = await readStored(tx, paperId, { wholeTail: true });
            if (!stored) return null;
            // A translation opened for the first time starts from its rows, once (under the lock, so two
            // instances never build it twice with different Yjs items).
            if (needsSeed(paperId, stored)) {
              const state = await seedState(tx, refOf(paperId));
              if (state) {
                await writeSnapshot(tx, paperId, state, 0n);
                return { kind: "folded" as const, state };
              }
            }
            // A long tail (a crash before compaction, another instance's writes) is folded right away, on
            // the fold thread like a compaction: a long history held the main thread for seconds.
            if (this.overThreshold(stored.tail)) {
              const state = await this.folder.fold(stored.snapshot?.state ?? null, stored.rows);
              await writeSnapshot(tx, paperId, state, stored.upTo);
              this.tails.set(paperId, { count: 0, bytes: 0 });
              return { kind: "folded" as const, state };
            }
            return { kind: "stored" as const, stored };
          });
    if (!read) return null;
    if (read.kind === "folded") return { doc: docOf(read.state), bytes: read.state.length };
    this.tails.set(paperId, read.stored.tail);
    // A consistent read; what others change after it reaches the room through the bus it joined first.
    // The fold holds the thread, so waiting clients are answered from the stored bytes before it.
    const stored = storedPaper(read.stored.snapshot?.state ?? null, read.stored.rows);
    await onStored?.(stored);
    const doc = applyStored(read.stored);
    return { doc, bytes: read.stored.tail.bytes + (read.stored.snapshot?.state.length ?? 0), stored };
  }

  /** Reads the paper without keeping any state (PaperStore.read of a paper nobody has open). */
  async read(paperId: string): Promise<Y.Doc | null> {
    await this.flushPaper(paperId);
    const stored = await this.sql.transaction(async (tx) => {
      await lockPaper(tx, paperId, "exclusive");
      return readStored(tx, paperId, { wholeTail: true });
    });
    return stored && docOf(await this.folder.fold(stored.snapshot?.state ?? null, stored.rows));
  }

  /**
   * The paper was unloaded: its queued rows are written now rather than at the end of the commit window
   * (with the compaction they may call for), then its tail is no longer tracked, unless it was opened
   * again meanwhile; the next load measures it again.
   */
  async forget(paperId: string, stillUnloaded: () => boolean) {
    await this.flushPaper(paperId);
    if (stillUnloaded()) this.tails.delete(paperId);
  }

  /** Rows another instance appended count towards this instance's compaction threshold too. */
  noteForeignAppend(paperId: string, bytes: number) {
    this.grow(paperId, bytes);
  }

  /** Queues an accepted update; resolves once it is committed. */
  append(paperId: string, data: Uint8Array, author: string | null): Promise<void> {
    if (this.closed) return Promise.reject(new Error("persistence closed"));
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ paperId, data, author: author?.slice(0, 200) ?? null, done: { resolve, reject } });
      this.queuedBytes += data.length;
      this.kick();
      if (this.queue.length >= BATCH) this.wake?.(); // a full batch does not wait for the window's end
    });
  }

  /** True while the queue is above its bounds: the server stops reading from clients until it drains. */
  get saturated(): boolean {
    return this.queuedBytes > this.options.queueMaxBytes || this.queue.length > this.options.queueMaxEntries;
  }

  /** Resolves when the queue is below half its bounds. */
  whenDrained(): Promise<void> {
    if (!this.saturated) return Promise.resolve();
    return new Promise((r) => this.drainWaiters.push(r));
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Compactions waiting or under way. */
  get compacting(): number {
    return this.compactions.size + this.compactingNow;
  }

  /** Writes everything queued (and finishes compactions); used at shutdown and by PaperStore. */
  async flush(): Promise<void> {
    this.flushing++;
    try {
      while (!this.abandoned && (this.working || this.queue.length)) {
        this.kick();
        this.wake?.();
        await this.working;
      }
    } finally {
      this.flushing--;
    }
  }

  /** The commit window before a batch: cut short by a flush or shutdown (options.writeDelayMs). */
  private window(): Promise<void> {
    if (this.flushing || this.closed || this.options.writeDelayMs <= 0) return new Promise((r) => setImmediate(r));
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.options.writeDelayMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }

  private async flushPaper(paperId: string) {
    if (this.queue.some((e) => e.paperId === paperId)) await this.flush();
  }

  /**
   * Shutdown: writes what is queued (for at most deadlineMs), then waits for `settle` (work that the
   * last writes started and that reads papers, such as daily versions) before the fold thread stops.
   */
  async close(settle?: () => Promise<unknown>, deadlineMs = 10_000): Promise<void> {
    this.closed = true;
    const timer = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), deadlineMs).unref());
    if ((await Promise.race([this.flush().then(() => "ok" as const), timer])) === "timeout") {
      this.abandoned = true;
      this.log.error({ lost: this.queue.length }, "collab: shut down before the update queue was written");
      for (const e of this.queue.splice(0)) e.done.reject(new Error("persistence closed"));
    }
    await settle?.();
    await this.folder.close();
  }

  private kick() {
    if (this.working) return;
    this.working = this.work().finally(() => {
      this.working = null;
      if (!this.abandoned && (this.queue.length || this.compactions.size)) this.kick();
    });
  }

  private async work() {
    let backoff = 100;
    while (!this.abandoned && (this.queue.length || this.compactions.size)) {
      if (this.queue.length) {
        // Let the updates of the next moments queue up: one transaction per window, not per update.
        // A full batch goes at once: under load the window would otherwise cap the rows written per second.
        if (this.queue.length < BATCH) await this.window();
        this.wake = null;
        const batch = this.queue.slice(0, BATCH);
        try {
          await this.write(batch);
          backoff = 100;
        } catch (err) {
          this.log.error({ err, rows: batch.length }, "collab: writing updates failed, retrying");
          await new Promise((r) => setTimeout(r, backoff));
          backoff = Math.min(backoff * 2, 5_000);
          continue;
        }
        this.queue.splice(0, batch.length);
        for (const e of batch) {
          this.queuedBytes -= e.data.length;
          this.grow(e.paperId, e.data.length);
        }
        if (!this.saturated && this.queuedBytes <= this.options.queueMaxBytes / 2 && this.queue.length <= this.options.queueMaxEntries / 2) {
          for (const w of this.drainWaiters.splice(0)) w();
        }
        continue;
      }
      const [paperId] = this.compactions;
      this.compactions.delete(paperId!);
      this.compactingNow++;
      await this.compact(paperId!)
        .catch((err) => this.log.error({ err, paperId }, "collab: compaction failed"))
        .finally(() => this.compactingNow--);
    }
  }

  private async write(batch: Entry[]) {
    const papers = [...new Set(batch.map((e) => e.paperId))].sort();
    try {
      await this.insert(papers, batch);
      for (const e of batch) e.done.resolve();
    } catch (err) {
      if (!isForeignKeyError(err)) throw err;
      // A paper was deleted while open: write the others, drop its updates.
      for (const id of papers) {
        const entries = batch.filter((e) => e.paperId === id);
        try {
          await this.insert([id], entries);
          for (const e of entries) e.done.resolve();
        } catch (err2) {
          if (!isForeignKeyError(err2)) throw err2;
          this.log.warn({ paperId: id, rows: entries.length }, "collab: paper deleted, its pending updates dropped");
          for (const e of entries) e.done.reject(new Error("paper deleted"));
        }
      }
    }
  }

  /**
   * The hot path, as plain SQL: one statement per paper lock and one multi-row insert in a transaction,
   * with no ORM work on the server's thread (it delayed broadcasts; bench/README.md).
   */
  private insert(ids: string[], entries: Entry[]) {
    const papers = entries.filter((e) => refOf(e.paperId).kind === "paper");
    const translations = entries.filter((e) => refOf(e.paperId).kind === "translation");
    return this.sql.transaction(async (tx) => {
      for (const id of ids) await tx.query(lockSql("shared"), [lockKey(id)]);
      if (papers.length) {
        const rows = papers.map((_, i) => `($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3})`).join(", ");
        await tx.query(`INSERT INTO "PaperUpdate" ("paperId", "data", "userId") VALUES ${rows}`, papers.flatMap((e) => [e.paperId, asParam(e.data), e.author]));
      }
      if (translations.length) {
        const rows = translations.map((_, i) => `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4})`).join(", ");
        await tx.query(
          `INSERT INTO "TranslationUpdate" ("docId", "paperId", "data", "userId") VALUES ${rows}`,
          translations.flatMap((e) => [e.paperId, refOf(e.paperId).paperId, asParam(e.data), e.author]),
        );
      }
    });
  }

  private grow(paperId: string, bytes: number) {
    const tail = this.tails.get(paperId);
    if (!tail) return;
    tail.count++;
    tail.bytes += bytes;
    if (this.overThreshold(tail)) {
      this.compactions.add(paperId);
      this.kick();
    }
  }

  private overThreshold(tail: Tail) {
    return tail.count >= this.options.compactAfterUpdates || tail.bytes >= this.options.compactAfterBytes;
  }

  /**
   * Folds snapshot + tail into a new snapshot and drops what it replaces. The fold runs on its own
   * thread between two short transactions, so neither the main thread nor the database (PGlite has one
   * connection) waits for it; rows appended meanwhile stay in the log after the new snapshot.
   */
  async compact(paperId: string): Promise<void> {
    const read = await this.sql.transaction(async (tx) => {
      await lockPaper(tx, paperId, "exclusive");
      return readStored(tx, paperId, { wholeTail: true });
    });
    if (!read) return; // the paper was deleted
    // Another instance may have compacted since this one counted.
    if (read.tail.count === 0 || !this.overThreshold(read.tail)) {
      if (this.tails.has(paperId)) this.tails.set(paperId, read.tail);
      return;
    }
    const state = await this.folder.fold(read.snapshot?.state ?? null, read.rows);
    const from = read.snapshot?.upToUpdate ?? 0n;
    await this.sql.transaction(async (tx) => {
      await lockPaper(tx, paperId, "exclusive");
      // …or while this one folded: then its snapshot stands and this one is dropped.
      const { snapshots, key } = tablesFor(refOf(paperId));
      const [latest] = await tx.query(`SELECT max("upToUpdate")::text AS "upTo" FROM ${snapshots} WHERE ${key} = $1`, [paperId]);
      if (BigInt((latest?.upTo as string | null) ?? "0") !== from) return;
      await writeSnapshot(tx, paperId, state, read.upTo);
    });
    const now = this.tails.get(paperId);
    if (now) this.tails.set(paperId, { count: Math.max(0, now.count - read.tail.count), bytes: Math.max(0, now.bytes - read.tail.bytes) });
  }

}

interface StoredRead {
  snapshot: { state: Uint8Array; upToUpdate: bigint } | null;
  rows: Uint8Array[];
  tail: Tail;
  upTo: bigint;
  /** False when the tail goes on past the rows read (readStored without wholeTail). */
  complete: boolean;
}

/** Latest snapshot + every update after it, applied in one transaction to a fresh document. */
function docOf(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}

/**
 * The paper's latest snapshot and the rows after it, or null when there is no such paper. The snapshot
 * comes with the first page of rows in one statement: one consistent view, so a load needs no lock when
 * that page is the whole tail (complete). With wholeTail the rest is read on, page by page; callers
 * that do so hold the paper's lock.
 */
async function readStored(sql: SqlTx, paperId: string, { wholeTail }: { wholeTail: boolean }): Promise<StoredRead | null> {
  const ref = refOf(paperId);
  const { updates, snapshots, key } = tablesFor(ref);
  // bigint ids travel as text: the two drivers parse int8 differently.
  const found = (await sql.query(
    // The CTE holds the snapshot's key only: its bytes are read once, by the join (a CTE used twice is
    // materialised, copying them).
    `WITH s AS (
       SELECT "id", "upToUpdate" FROM ${snapshots} WHERE ${key} = $1 ORDER BY "upToUpdate" DESC LIMIT 1
     )
     SELECT 0 AS "part", s."upToUpdate"::text AS "n", p."state" AS "data" FROM s JOIN ${snapshots} p ON p."id" = s."id"
     UNION ALL
     (SELECT 1, u."id"::text, u."data" FROM ${updates} u
       WHERE u.${key} = $1 AND u."id" > COALESCE((SELECT "upToUpdate" FROM s), 0)
       ORDER BY u."id" LIMIT ${PAGE})
     UNION ALL
     SELECT -1, NULL, NULL FROM "Paper" WHERE "id" = $2`,
    [paperId, ref.paperId],
  )) as { part: number; n: string | null; data: unknown }[];
  if (!found.some((r) => r.part === -1)) return null;
  const latest = found.find((r) => r.part === 0);
  const snapshot = latest ? { state: bytes(latest.data), upToUpdate: BigInt(latest.n!) } : null;
  // A UNION ALL's order is not promised: the rows are put in id order here.
  let page: { n: string | null; data: unknown }[] = found.filter((r) => r.part === 1).sort((a, b) => (BigInt(a.n!) < BigInt(b.n!) ? -1 : 1));
  const rows: Uint8Array[] = [];
  const tail: Tail = { count: 0, bytes: 0 };
  let upTo = snapshot?.upToUpdate ?? 0n;
  for (;;) {
    for (const row of page) {
      const data = bytes(row.data);
      rows.push(data);
      tail.count++;
      tail.bytes += data.length;
    }
    if (page.length) upTo = BigInt(page[page.length - 1]!.n!);
    if (page.length < PAGE || !wholeTail) break;
    page = await sql.query(
      // Aliased apart from "id": ORDER BY "id" would then sort the text.
      `SELECT "id"::text AS "n", "data" FROM ${updates} WHERE ${key} = $1 AND "id" > $2::bigint ORDER BY ${updates}."id" LIMIT ${PAGE}`,
      [paperId, upTo.toString()],
    );
  }
  return { snapshot, rows, tail, upTo, complete: page.length < PAGE };
}

/** The live document of a load: the snapshot and a tail below the compaction threshold, on this thread. */
function applyStored({ snapshot, rows }: StoredRead): Y.Doc {
  return docFromStored(snapshot?.state ?? null, rows);
}

async function writeSnapshot(tx: SqlTx, paperId: string, state: Uint8Array, upTo: bigint) {
  const at = upTo.toString();
  const ref = refOf(paperId);
  const { updates, snapshots, key } = tablesFor(ref);
  if (ref.kind === "paper") {
    await tx.query(`INSERT INTO "PaperSnapshot" ("id", "paperId", "state", "upToUpdate") VALUES ($1, $2, $3, $4::bigint)`, [randomUUID(), paperId, asParam(state), at]);
  } else {
    await tx.query(`INSERT INTO "TranslationSnapshot" ("id", "docId", "paperId", "state", "upToUpdate") VALUES ($1, $2, $3, $4, $5::bigint)`, [
      randomUUID(),
      paperId,
      ref.paperId,
      asParam(state),
      at,
    ]);
  }
  await tx.query(`DELETE FROM ${snapshots} WHERE ${key} = $1 AND "upToUpdate" < $2::bigint`, [paperId, at]);
  await tx.query(`DELETE FROM ${updates} WHERE ${key} = $1 AND "id" <= $2::bigint`, [paperId, at]);
}

/** A translation that has never been stored: nothing in its tables yet (its rows may hold text). */
function needsSeed(name: string, stored: StoredRead): boolean {
  return !stored.snapshot && stored.rows.length === 0 && refOf(name).kind === "translation";
}

/** A translation's first state, from the language's PaperTranslation rows; null when it has none. */
async function seedState(tx: SqlTx, ref: DocRef): Promise<Uint8Array | null> {
  if (ref.kind !== "translation") return null;
  const rows = (await tx.query(`SELECT "blockId", "text" FROM "PaperTranslation" WHERE "paperId" = $1 AND "language" = $2 ORDER BY "blockId"`, [
    ref.paperId,
    ref.language,
  ])) as { blockId: string; text: string }[];
  if (!rows.length) return null;
  const doc = translationDocFrom(rows);
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}
