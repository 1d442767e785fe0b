// Prints PostgreSQL DDL, in Prisma's naming, for the whole of prisma/schema.prisma.
// Used to write the first migration (Prisma 7's schema engine cannot run here, ADR 0002);
// later migrations are written by hand as ALTERs, and tests/integration/schema.test.ts checks both.
import { readFileSync } from "node:fs";
import internals from "@prisma/internals";

const scalarSql: Record<string, string> = {
  String: "TEXT", Int: "INTEGER", BigInt: "BIGINT", Boolean: "BOOLEAN", DateTime: "TIMESTAMP(3)",
  Bytes: "BYTEA", Json: "JSONB", Float: "DOUBLE PRECISION", Decimal: "DECIMAL(65,30)",
};
const q = (s: string) => `"${s}"`;

const dmmf = await internals.getDMMF({ datamodel: readFileSync("prisma/schema.prisma", "utf8") });
const { enums, models, indexes } = dmmf.datamodel;
const out: string[] = [];
for (const e of enums) out.push(`CREATE TYPE ${q(e.name)} AS ENUM (${e.values.map((v) => `'${v.name}'`).join(", ")});\n`);
for (const m of models) {
  const cols: string[] = [];
  for (const f of m.fields) {
    if (f.kind === "object") continue;
    const dflt = f.default as any;
    let type = f.kind === "enum" ? q(f.type) : scalarSql[f.type];
    if (f.nativeType?.[0] === "Date") type = "DATE";
    if (dflt?.name === "autoincrement") type = f.type === "BigInt" ? "BIGSERIAL" : "SERIAL";
    if (f.isList) type += "[]";
    let col = `    ${q(f.name)} ${type}`;
    if (f.isRequired || f.isList) col += " NOT NULL";
    if (dflt !== undefined && dflt?.name !== "autoincrement" && dflt?.name !== "cuid") {
      if (dflt?.name === "now") col += " DEFAULT CURRENT_TIMESTAMP";
      else if (Array.isArray(dflt)) col += ` DEFAULT ARRAY[]::${type}`;
      else if (typeof dflt === "string") col += f.kind === "enum" ? ` DEFAULT '${dflt}'` : ` DEFAULT '${dflt}'`;
      else col += ` DEFAULT ${dflt}`;
    }
    cols.push(col);
  }
  const id = m.fields.filter((f) => f.isId).map((f) => q(f.name));
  cols.push(`\n    CONSTRAINT ${q(m.name + "_pkey")} PRIMARY KEY (${id.join(",")})`);
  out.push(`CREATE TABLE ${q(m.name)} (\n${cols.join(",\n")}\n);\n`);
}
for (const ix of indexes) {
  if (ix.type === "id") continue;
  const fields = ix.fields.map((f) => f.name);
  const name = ix.dbName ?? `${ix.model}_${fields.join("_")}_${ix.type === "unique" ? "key" : "idx"}`;
  out.push(`CREATE ${ix.type === "unique" ? "UNIQUE " : ""}INDEX ${q(name)} ON ${q(ix.model)}(${fields.map(q).join(", ")});\n`);
}
const action = (a: string | undefined, fallback: string) =>
  ({ Cascade: "CASCADE", SetNull: "SET NULL", Restrict: "RESTRICT", NoAction: "NO ACTION" } as any)[a ?? ""] ?? fallback;
for (const m of models) {
  for (const f of m.fields) {
    if (f.kind !== "object" || !f.relationFromFields?.length) continue;
    const from = f.relationFromFields, to = f.relationToFields!;
    const optional = !f.isRequired;
    out.push(
      `ALTER TABLE ${q(m.name)} ADD CONSTRAINT ${q(`${m.name}_${from.join("_")}_fkey`)} FOREIGN KEY (${from.map(q).join(", ")}) ` +
        `REFERENCES ${q(f.type)}(${to.map(q).join(", ")}) ON DELETE ${action(f.relationOnDelete, optional ? "SET NULL" : "RESTRICT")} ON UPDATE CASCADE;\n`,
    );
  }
}
console.log(out.join("\n"));
