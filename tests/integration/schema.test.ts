// The hand-written migrations must produce exactly the Prisma datamodel (ADR 0002).
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { readFileSync } from "node:fs";
import internals from "@prisma/internals";
import { backends, freshDb, type TestDb } from "../helpers/db.js";
import { applyMigrations } from "../../server/db/migrate.js";

const scalarType: Record<string, string> = {
  String: "text", Int: "integer", BigInt: "bigint", Boolean: "boolean", DateTime: "timestamp without time zone",
  Bytes: "bytea", Json: "jsonb", Float: "double precision",
};

describe.each(backends)("migrations on %s", (backend) => {
  let db: TestDb;
  let dm: Awaited<ReturnType<typeof internals.getDMMF>>["datamodel"];
  beforeAll(async () => {
    db = await freshDb(backend);
    dm = (await internals.getDMMF({ datamodel: readFileSync("prisma/schema.prisma", "utf8") })).datamodel;
  });
  afterAll(async () => db?.destroy());

  it("re-running them applies nothing", async () => {
    expect(await applyMigrations(db.sql)).toEqual([]);
  });

  it("every model and field exists with its type and nullability", async () => {
    const cols = await db.sql.query(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable FROM information_schema.columns WHERE table_schema = current_schema()`,
    );
    const byTable = new Map<string, Map<string, any>>();
    for (const c of cols) {
      if (!byTable.has(c.table_name)) byTable.set(c.table_name, new Map());
      byTable.get(c.table_name)!.set(c.column_name, c);
    }
    for (const model of dm.models) {
      const table = byTable.get(model.dbName ?? model.name);
      expect(table, `table ${model.name}`).toBeDefined();
      const scalarFields = model.fields.filter((f) => f.kind !== "object");
      expect([...table!.keys()].sort(), `columns of ${model.name}`).toEqual(scalarFields.map((f) => f.dbName ?? f.name).sort());
      for (const f of scalarFields) {
        const c = table!.get(f.dbName ?? f.name);
        const where = `${model.name}.${f.name}`;
        if (f.isList) expect(c.data_type, where).toBe("ARRAY");
        else if (f.kind === "enum") expect(c.udt_name, where).toBe(f.type);
        else if (f.nativeType?.[0] === "Date") expect(c.data_type, where).toBe("date");
        else expect(c.data_type, where).toBe(scalarType[f.type]);
        expect(c.is_nullable, where).toBe(f.isRequired || f.isList ? "NO" : "YES");
      }
    }
  });

  it("enums carry the datamodel's values", async () => {
    const rows = await db.sql.query(
      `SELECT t.typname, e.enumlabel FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid ORDER BY t.typname, e.enumsortorder`,
    );
    for (const en of dm.enums) {
      expect(rows.filter((r) => r.typname === en.name).map((r) => r.enumlabel), en.name).toEqual(en.values.map((v) => v.name));
    }
  });

  it("unique and plain indexes and foreign keys match", async () => {
    const idx = await db.sql.query(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()`);
    const names = new Set(idx.map((r) => r.indexname));
    for (const ix of dm.indexes) {
      const fields = ix.fields.map((f) => f.name);
      const name = ix.dbName ?? (ix.type === "id" ? `${ix.model}_pkey` : `${ix.model}_${fields.join("_")}_${ix.type === "unique" ? "key" : "idx"}`);
      expect(names.has(name), `index ${name}`).toBe(true);
      const def = idx.find((r) => r.indexname === name)!.indexdef as string;
      if (ix.type !== "normal") expect(def, name).toMatch(/UNIQUE/);
      const cols = /\(([^)]*)\)\s*$/.exec(def)![1]!.split(",").map((c) => c.trim().replace(/"/g, ""));
      expect(cols, name).toEqual(fields);
    }
    const fks = await db.sql.query(
      `SELECT tc.table_name, tc.constraint_name, rc.delete_rule FROM information_schema.table_constraints tc
       JOIN information_schema.referential_constraints rc ON rc.constraint_name = tc.constraint_name
       WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()`,
    );
    const expected: string[] = [];
    for (const m of dm.models)
      for (const f of m.fields)
        if (f.kind === "object" && f.relationFromFields?.length) expected.push(`${m.name}_${f.relationFromFields.join("_")}_fkey`);
    expect(fks.map((f) => f.constraint_name).sort()).toEqual(expected.sort());
  });

  it("the Prisma client reads and writes through the adapter, and unique violations surface as P2002", async () => {
    const u = await db.prisma.user.create({ data: { email: `a-${backend}@example.org`, name: "أ" } });
    expect(u.locale).toBe("ar");
    await expect(db.prisma.user.create({ data: { email: `a-${backend}@example.org`, name: "ب" } })).rejects.toMatchObject({ code: "P2002" });
  });
});
