// The embedded database's own thread (ADR 0007). PGlite runs here so its WebAssembly work does not
// hold up rendering and broadcasts on the main thread. Plain JavaScript: worker threads do not inherit
// the TypeScript loader in every runner (tsx, vitest). Speaks a small request/response protocol with
// server/db/pglite-remote.ts; values are returned as the database's text so that the main thread can
// apply the caller's type parsers (functions cannot cross threads).
import { parentPort, workerData } from "node:worker_threads";
import { lowerThreadPriority } from "../thread-priority.mjs";
import { PGlite, messages, types } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

lowerThreadPriority();

const raw = Object.fromEntries(Object.keys(types.parsers).map((oid) => [oid, (x) => x]));
// bytea is the exception: decoded here, in one native call (PGlite's and the adapter's parsers call
// parseInt per byte: ~20 ms for a 300 KB paper snapshot), and handed over as bytes.
raw[types.BYTEA] = (x) => {
  const b = Buffer.from(x.slice(2), "hex");
  return new Uint8Array(b.buffer, b.byteOffset, b.length);
};
// And the other way: PGlite's own bytea serializer builds a string per byte (1 MB: ~0.6 s of this thread).
const serializers = {
  [types.BYTEA]: (x) => {
    if (!(x instanceof Uint8Array)) throw new Error("Invalid input for bytea type");
    return `\\x${Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString("hex")}`;
  },
};
const client = await PGlite.create(workerData.dataDir, { extensions: { pg_trgm }, parsers: raw, serializers });

/** Open transactions: id → { tx, finish(action), ended } */
const txs = new Map();
let nextTx = 1;

function errorOf(err) {
  // DatabaseError's fields (code, detail, constraint…) are own properties that structured clone drops.
  const plain = { message: String(err?.message ?? err), name: err?.name, database: err instanceof messages.DatabaseError };
  for (const k of ["length", "severity", "code", "detail", "hint", "position", "internalPosition", "internalQuery", "where", "schema", "table", "column", "dataType", "constraint", "file", "line", "routine"]) {
    if (err && err[k] !== undefined) plain[k] = err[k];
  }
  return plain;
}

const shape = (r) => ({ rows: r.rows, fields: r.fields, affectedRows: r.affectedRows });

async function handle(msg) {
  const on = msg.txId ? txs.get(msg.txId)?.tx : client;
  if (!on) throw new Error(`transaction ${msg.txId} is not open`);
  switch (msg.op) {
    case "query":
      return shape(await on.query(msg.sql, msg.params, { rowMode: msg.rowMode }));
    case "exec":
      return (await on.exec(msg.sql)).map(shape);
    case "begin": {
      const id = nextTx++;
      let finish;
      const decided = new Promise((resolve) => (finish = resolve));
      let begun;
      const started = new Promise((resolve) => (begun = resolve));
      const ended = client.transaction(async (tx) => {
        txs.set(id, { tx, finish, ended: null });
        begun();
        if ((await decided) === "rollback") await tx.rollback();
      });
      await Promise.race([started, ended]);
      txs.get(id).ended = ended.finally(() => txs.delete(id));
      return id;
    }
    case "commit":
    case "rollback": {
      const t = txs.get(msg.txId);
      t.finish(msg.op);
      await t.ended;
      return null;
    }
    case "gc":
      // Memory measurements (bench:collab) collect this thread's garbage too; needs --expose-gc.
      globalThis.gc?.();
      return null;
    case "close":
      await client.close();
      return null;
    default:
      throw new Error(`unknown operation ${msg.op}`);
  }
}

parentPort.on("message", (msg) => {
  handle(msg).then(
    (result) => parentPort.postMessage({ id: msg.id, result }),
    (err) => parentPort.postMessage({ id: msg.id, error: errorOf(err) }),
  );
});
parentPort.postMessage({ ready: true });
