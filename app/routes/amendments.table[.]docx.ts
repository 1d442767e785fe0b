// The consolidated amendment table as a right-to-left Word document, same filters as the page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { tableForExport } from "~/http/amendments-page.server";
import { fileResponse } from "~/http/export.server";
import { tableDocx } from "~/domain/amendment-exports.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { table, locale } = await tableForExport(request, context, "docx");
  return fileResponse(new Uint8Array(await tableDocx(table, locale)), "docx", "amendments.docx");
}
