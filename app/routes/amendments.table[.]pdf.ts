// The consolidated amendment table as a PDF (ADR 0064): same filters and policy as the page and the DOCX.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { tableForExport } from "~/http/amendments-page.server";
import { fileResponse } from "~/http/export.server";
import { tablePdf } from "~/domain/amendment-exports.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { table, locale } = await tableForExport(request, context, "pdf");
  return fileResponse(new Uint8Array(await tablePdf(table, locale)), "pdf", "amendments.pdf");
}
