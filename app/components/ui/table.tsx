// The app's data table: one header row of column titles over the rows the page renders.
import type { ReactNode } from "react";

/** `columns` are the header cells' contents (null for an untitled column); `children` are the body's rows. */
export function DataTable({ columns, testId, children }: { columns: ReactNode[]; testId?: string; children: ReactNode }) {
  return (
    <table className="data" data-testid={testId}>
      <thead>
        <tr>
          {columns.map((title, i) => (
            <th key={i}>{title}</th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
