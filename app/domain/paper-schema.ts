// What the working paper may contain, read off the editor's own schema (ADR 0015): the node and mark
// names and their attributes. The collab server checks every update against it before applying it, and
// the server-rendered views prune what they cannot render instead of failing the page (ADR 0028).
import { extensions, getSchema, type JSONContent } from "@tiptap/core";
import { isAllowedHref, paperExtensions } from "../components/editor/schema";

export interface PaperSchemaSpec {
  /** Element node names (no "doc", no "text") and each one's attribute names. */
  nodes: ReadonlyMap<string, ReadonlySet<string>>;
  marks: ReadonlyMap<string, ReadonlySet<string>>;
  /** Every node attribute name: an attribute update names its key, not always its element. */
  nodeAttributes: ReadonlySet<string>;
}

let spec: PaperSchemaSpec | undefined;

export function paperSchemaSpec(): PaperSchemaSpec {
  if (spec) return spec;
  // The editor runs with `textDirection: "auto"`, which adds Tiptap's core TextDirection: a `dir`
  // attribute on every node, written into the document like any other attribute.
  const schema = getSchema([...paperExtensions(), extensions.TextDirection.configure({ direction: "auto" })]);
  const nodes = new Map<string, Set<string>>();
  for (const [name, type] of Object.entries(schema.nodes)) {
    if (name === "doc" || name === "text") continue;
    nodes.set(name, new Set(Object.keys(type.spec.attrs ?? {})));
  }
  const marks = new Map<string, Set<string>>();
  for (const [name, type] of Object.entries(schema.marks)) marks.set(name, new Set(Object.keys(type.spec.attrs ?? {})));
  return (spec = { nodes, marks, nodeAttributes: new Set([...nodes.values()].flatMap((a) => [...a])) });
}

/** y-tiptap names an overlapping mark `name--<8 base64 chars>` in the Yjs document. */
export const markNameOf = (key: string) => /^(.*)--[a-zA-Z0-9+/=]{8}$/.exec(key)?.[1] ?? key;

/** Why a mark (its name and attributes) may not be in the paper, or null. */
export function markProblem(key: string, attrs: unknown): string | null {
  const name = markNameOf(key);
  const allowed = paperSchemaSpec().marks.get(name);
  if (!allowed) return `unknown mark "${name.slice(0, 40)}"`;
  if (attrs === null || attrs === undefined) return null; // a mark being removed
  if (typeof attrs !== "object" || Array.isArray(attrs)) return `mark "${name}" with attributes that are not an object`;
  for (const [k, v] of Object.entries(attrs)) {
    if (!allowed.has(k)) return `mark "${name}" with unknown attribute "${k.slice(0, 40)}"`;
    if (name === "link" && k === "href" && v !== null && (typeof v !== "string" || !isAllowedHref(v))) return "link to a forbidden address";
  }
  return null;
}

const reported = new Set<string>();

/**
 * The document without the nodes and marks the schema does not know (stored before the guard, or by a
 * later version), so a page always renders; each unknown name is logged once per process.
 */
export function pruneToSchema(content: JSONContent): JSONContent {
  const { nodes, marks } = paperSchemaSpec();
  const note = (what: string) => {
    if (reported.has(what)) return;
    reported.add(what);
    console.warn(`paper: skipped ${what} the editor's schema does not know`);
  };
  const walk = (node: JSONContent): JSONContent | null => {
    if (node.type !== "doc" && node.type !== "text" && !nodes.has(node.type ?? "")) {
      note(`node "${String(node.type).slice(0, 40)}"`);
      return null;
    }
    const out: JSONContent = { ...node };
    if (node.marks) {
      out.marks = node.marks.filter((m) => {
        const ok = marks.has(m.type);
        if (!ok) note(`mark "${String(m.type).slice(0, 40)}"`);
        return ok;
      });
    }
    if (node.content) out.content = node.content.map(walk).filter((n): n is JSONContent => n !== null);
    return out;
  };
  return walk(content) ?? { type: "doc", content: [] };
}
