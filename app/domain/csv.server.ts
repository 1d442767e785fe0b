// The one CSV writer of every export (forces, invitations, amendments): UTF-8 with a BOM so
// spreadsheet programs read Arabic as Arabic, CRLF records, and no cell a spreadsheet would run.
import { stringify } from "csv-stringify/sync";

/** Cells a spreadsheet takes for a formula (OWASP "CSV injection"): = + - @, tab, CR. */
const FORMULA = /^[=+\-@\t\r]/;

/** Prefixes such a cell with an apostrophe, which spreadsheets show as text and do not display. */
export const inertCell = (s: string) => (FORMULA.test(s) ? `'${s}` : s);

/** Undoes inertCell on import, so an exported file re-imports to the same values. */
export const restoreCell = (s: string) => (s.startsWith("'") && FORMULA.test(s.slice(1)) ? s.slice(1) : s);

export function writeCsv(records: readonly (readonly string[])[]): string {
  return stringify(
    records.map((r) => r.map(inertCell)),
    { bom: true, record_delimiter: "\r\n" },
  );
}
