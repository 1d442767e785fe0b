// POST /api/v1/conferences/:id/forces/import[?dryRun=true] — body: the CSV file (text/csv, UTF-8).
// Every row is validated; with errors (or dryRun) nothing is written and the report says where.
import { z } from "zod";
import { parseQuery } from "~/domain/query-params";
import { json } from "@remix-run/node";
import { api, methodNotAllowed } from "~/http/api.server";
import { commitImport, decodeUtf8, previewImport } from "~/domain/force-csv.server";

export const loader = api(async () => methodNotAllowed("POST"));

export const action = api(async ({ request, params, user, services }) => {
  const text = decodeUtf8(new Uint8Array(await request.arrayBuffer()));
  const preview = await previewImport(services.prisma, user, params.id!, text);
  const dryRun = parseQuery(z.object({ dryRun: z.enum(["true", "false"]).optional() }), new URL(request.url).searchParams).dryRun === "true";
  if (preview.errors.length) return json({ valid: false, total: preview.total, errors: preview.errors }, { status: 422 });
  if (dryRun) return { valid: true, total: preview.total, errors: [] };
  const result = await commitImport(services.prisma, user, params.id!, preview, { realtime: services.realtime });
  return json({ valid: true, total: preview.total, errors: [], imported: result }, { status: 201 });
});
