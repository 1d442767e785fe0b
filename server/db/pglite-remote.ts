// The main thread's handle on the PGlite that runs in server/db/pglite-worker.mjs (ADR 0007). It has
// the part of PGlite's interface that Prisma's PGlite adapter and the migration runner use: query,
// exec, transaction (with rollback), close. Rows come back as text (bytea as bytes) and are parsed here
// with PGlite's own parsers plus the caller's (the adapter passes functions, which cannot cross threads).
import { Worker } from "node:worker_threads";
import { messages, types, type PGlite, type QueryOptions, type Results } from "@electric-sql/pglite";

interface Pending {
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

interface WorkerError {
  message: string;
  database?: boolean;
  [field: string]: unknown;
}

type RawResults = Pick<Results<unknown>, "rows" | "fields" | "affectedRows">;

export interface RemoteTransaction {
  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  exec(sql: string): Promise<Results[]>;
  rollback(): Promise<void>;
  readonly closed: boolean;
}

function toError(e: WorkerError): Error {
  if (!e.database) return Object.assign(new Error(e.message), { code: e.code });
  // The adapter maps DatabaseError (by instanceof) to Prisma's error kinds: unique violations etc.
  const err = new messages.DatabaseError(e.message, Number(e.length ?? 0), "error");
  const { message: _m, database: _d, name: _n, length: _l, ...fields } = e;
  return Object.assign(err, fields);
}

/** A value as the worker sent it: the database's text, or bytes already decoded (bytea). */
function value(v: unknown, type: number, parsers: QueryOptions["parsers"]): unknown {
  return v instanceof Uint8Array ? v : types.parseType(v as string | null, type, parsers);
}

function parse<T>(r: RawResults, options?: QueryOptions): Results<T> {
  const parsers = options?.parsers;
  const rows = r.rows.map((row) => {
    if (Array.isArray(row)) return row.map((v, i) => value(v, r.fields[i]!.dataTypeID, parsers));
    const out: Record<string, unknown> = {};
    for (const f of r.fields) out[f.name] = value((row as Record<string, unknown>)[f.name] ?? null, f.dataTypeID, parsers);
    return out;
  });
  return { rows: rows as T[], fields: r.fields, affectedRows: r.affectedRows };
}

export class PGliteRemote {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | null = null;

  private constructor(worker: Worker) {
    this.worker = worker;
    worker.on("message", (msg: { id: number; result?: unknown; error?: WorkerError }) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(toError(msg.error));
      else p.resolve(msg.result);
    });
    const fail = (err: Error) => {
      this.failure = err;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`the database thread stopped (exit code ${code})`)));
  }

  static async create(dataDir: string): Promise<PGliteRemote> {
    const worker = new Worker(new URL("./pglite-worker.mjs", import.meta.url), { workerData: { dataDir } });
    await new Promise<void>((resolve, reject) => {
      const onMessage = (m: { ready?: boolean }) => {
        if (!m.ready) return;
        worker.off("message", onMessage);
        worker.off("error", reject);
        resolve();
      };
      worker.on("message", onMessage);
      worker.once("error", reject);
      worker.once("exit", (code) => reject(new Error(`the database thread could not open ${dataDir} (exit code ${code})`)));
    });
    worker.removeAllListeners("exit");
    return new PGliteRemote(worker);
  }

  private call<T>(msg: Record<string, unknown>): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...msg, id });
    });
  }

  private async queryIn<T>(txId: number | undefined, sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> {
    const r = await this.call<RawResults>({ op: "query", sql, params: params ?? [], rowMode: options?.rowMode, txId });
    return parse<T>(r, options);
  }

  private async execIn(txId: number | undefined, sql: string): Promise<Results[]> {
    return (await this.call<RawResults[]>({ op: "exec", sql, txId })).map((r) => parse(r));
  }

  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> {
    return this.queryIn<T>(undefined, sql, params, options);
  }

  exec(sql: string): Promise<Results[]> {
    return this.execIn(undefined, sql);
  }

  /** Like PGlite's: commits when fn resolves, rolls back when it throws or calls tx.rollback(). */
  async transaction<T>(fn: (tx: RemoteTransaction) => Promise<T>): Promise<T> {
    const txId = await this.call<number>({ op: "begin" });
    let closed = false;
    const end = async (op: "commit" | "rollback") => {
      if (closed) return;
      closed = true;
      await this.call({ op, txId });
    };
    const tx: RemoteTransaction = {
      query: (sql, params, options) => this.queryIn(txId, sql, params, options),
      exec: (sql) => this.execIn(txId, sql),
      rollback: () => end("rollback"),
      get closed() {
        return closed;
      },
    };
    try {
      const result = await fn(tx);
      await end("commit");
      return result;
    } catch (err) {
      await end("rollback").catch(() => {});
      throw err;
    }
  }

  /** Runs a garbage collection on the database thread (when the process has --expose-gc). */
  async collectGarbage(): Promise<void> {
    await this.call({ op: "gc" });
  }

  async close(): Promise<void> {
    if (!this.failure) await this.call({ op: "close" }).catch(() => {});
    this.failure ??= new Error("the database is closed");
    await this.worker.terminate();
  }
}

/** What Prisma's PGlite adapter is given: the remote handle, typed as the PGlite it stands in for. */
export function asPGlite(remote: PGliteRemote): PGlite {
  return remote as unknown as PGlite;
}
