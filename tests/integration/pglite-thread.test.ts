// The embedded database on its own thread (ADR 0007): what Prisma's adapter and the migration runner
// rely on behaves as PGlite does in-thread — transactions commit, roll back on error or on request,
// keep other queries out until they end; errors keep PostgreSQL's fields; bytea comes back byte for byte.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { messages } from "@electric-sql/pglite";
import { PGliteRemote } from "../../server/db/pglite-remote.js";

describe("PGlite on a worker thread", () => {
  let db: PGliteRemote;
  beforeAll(async () => {
    db = await PGliteRemote.create("memory://");
    await db.exec(`CREATE TABLE t (id int PRIMARY KEY, name text NOT NULL, data bytea, at timestamptz, n bigint)`);
  });
  afterAll(async () => {
    await db.close();
  });

  it("returns rows with PostgreSQL's types, as objects or arrays", async () => {
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 31) % 256);
    await db.query(`INSERT INTO t VALUES ($1, $2, $3, $4, $5)`, [1, "مسد", bytes, new Date("2026-11-29T07:00:00Z"), "9007199254740993"]);
    const { rows } = await db.query<{ id: number; name: string; data: Uint8Array; at: Date; n: bigint | number }>(`SELECT * FROM t WHERE id = 1`);
    expect(rows[0]!.id).toBe(1);
    expect(rows[0]!.name).toBe("مسد");
    expect(rows[0]!.data).toBeInstanceOf(Uint8Array);
    expect(Buffer.compare(Buffer.from(rows[0]!.data), Buffer.from(bytes))).toBe(0);
    expect(rows[0]!.at.toISOString()).toBe("2026-11-29T07:00:00.000Z");
    expect(rows[0]!.n).toBe(9007199254740993n);
    const arr = await db.query<unknown[]>(`SELECT id, name FROM t`, [], { rowMode: "array" });
    expect(arr.rows).toEqual([[1, "مسد"]]);
    // The caller's parsers apply on this side of the thread boundary.
    const custom = await db.query<{ name: string }>(`SELECT name FROM t`, [], { parsers: { 25: (x: string) => `«${x}»` } });
    expect(custom.rows[0]!.name).toBe("«مسد»");
  });

  it("writes bytea parameters byte for byte: empty, a view into a larger buffer, a megabyte", async () => {
    // The worker's own bytea serializer (one hex call instead of PGlite's string per byte).
    const backing = new Uint8Array(64).map((_, i) => 255 - i);
    const cases = [new Uint8Array(0), backing.subarray(3, 13), Buffer.from(backing.buffer, 40, 7), new Uint8Array(1 << 20).map((_, i) => (i * 7919) % 256)];
    for (const [i, bytes] of cases.entries()) {
      await db.query(`INSERT INTO t (id, name, data) VALUES ($1, 'bytes', $2)`, [100 + i, bytes]);
      const { rows } = await db.query<{ data: Uint8Array; n: number }>(`SELECT data, length(data) AS n FROM t WHERE id = $1`, [100 + i]);
      expect(rows[0]!.n).toBe(bytes.length);
      expect(Buffer.compare(Buffer.from(rows[0]!.data), Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))).toBe(0);
    }
    await db.query(`DELETE FROM t WHERE id >= 100`);
  });

  it("keeps PostgreSQL's error fields (the adapter maps them to Prisma's codes)", async () => {
    const err = await db.query(`INSERT INTO t (id, name) VALUES (1, 'again')`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(messages.DatabaseError);
    expect(err).toMatchObject({ code: "23505", severity: "ERROR", constraint: "t_pkey" });
  });

  it("commits, rolls back on a throw or on request, and holds other queries until the transaction ends", async () => {
    await db.transaction(async (tx) => {
      await tx.query(`INSERT INTO t (id, name) VALUES (2, 'committed')`);
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`INSERT INTO t (id, name) VALUES (3, 'thrown away')`);
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    await db.transaction(async (tx) => {
      await tx.query(`INSERT INTO t (id, name) VALUES (4, 'rolled back')`);
      await tx.rollback();
      expect(tx.closed).toBe(true);
    });
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const tx = db.transaction(async (t) => {
      await t.query(`INSERT INTO t (id, name) VALUES (5, 'inside')`);
      order.push("tx wrote");
      await held;
      order.push("tx ends");
    });
    await new Promise((r) => setTimeout(r, 50));
    const outside = db.query<{ n: number }>(`SELECT count(*)::int AS n FROM t`).then((r) => {
      order.push("outside read");
      return r.rows[0]!.n;
    });
    await new Promise((r) => setTimeout(r, 100));
    release();
    await tx;
    // The read waited for the commit and saw its row.
    expect(await outside).toBe(3);
    expect(order).toEqual(["tx wrote", "tx ends", "outside read"]);
    const ids = (await db.query<{ id: number }>(`SELECT id FROM t ORDER BY id`)).rows.map((r) => r.id);
    expect(ids).toEqual([1, 2, 5]);
  });

  it("runs scripts with several statements", async () => {
    const results = await db.exec(`CREATE TEMP TABLE s (x int); INSERT INTO s VALUES (1), (2); SELECT sum(x)::int AS total FROM s;`);
    expect(results.at(-1)!.rows).toEqual([{ total: 3 }]);
  });
});
