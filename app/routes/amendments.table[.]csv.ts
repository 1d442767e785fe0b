// The consolidated amendment table as CSV (UTF-8 with BOM), same filters as the page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { tableForExport } from "~/http/amendments-page.server";
import { fileResponse } from "~/http/export.server";
import { tableCsv } from "~/domain/amendment-exports.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { table, locale } = await tableForExport(request, context, "csv");
  return fileResponse(tableCsv(table, locale), "csv", "amendments.csv");
}
