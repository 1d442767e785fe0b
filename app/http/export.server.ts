// File download responses for exports (CSV with BOM, XLSX).
export function exportResponse(format: "csv" | "xlsx", baseName: string, body: string | Buffer): Response {
  const date = new Date().toISOString().slice(0, 10);
  const name = `${baseName}-${date}.${format}`;
  return new Response(typeof body === "string" ? body : new Uint8Array(body), {
    headers: {
      "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${name.replace(/[^\w.-]/g, "_")}"`,
      "Cache-Control": "no-store",
    },
  });
}
