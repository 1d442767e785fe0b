// File downloads: every export and attachment the app hands out is answered here, so each gets the same
// type, an attachment disposition the browser cannot misread, and no caching anywhere on the way.
const contentTypes = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
  ics: "text/calendar; charset=utf-8; method=PUBLISH",
} as const;
export type FileFormat = keyof typeof contentTypes;

/**
 * A download named `name` (ASCII: anything else becomes "_"), plus `utf8Name` for browsers that read
 * RFC 6266/5987 names (an Arabic paper title).
 */
export function fileResponse(body: string | Uint8Array<ArrayBuffer>, format: FileFormat, name: string, utf8Name?: string): Response {
  const ascii = name.replace(/[^\w.-]/g, "_");
  return new Response(body, {
    headers: {
      "Content-Type": contentTypes[format],
      "Content-Disposition": `attachment; filename="${ascii}"${utf8Name ? `; filename*=UTF-8''${encodeURIComponent(utf8Name)}` : ""}`,
      "Cache-Control": "private, no-store",
    },
  });
}

/** A list export (CSV with BOM, XLSX) named after what it lists and today's date. */
export function exportResponse(format: "csv" | "xlsx", baseName: string, body: string | Buffer): Response {
  const date = new Date().toISOString().slice(0, 10);
  return fileResponse(typeof body === "string" ? body : new Uint8Array(body), format, `${baseName}-${date}.${format}`);
}
