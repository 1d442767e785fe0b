// The app's data table: one header row of column titles over the rows the page renders.
import type { ReactNode } from "react";
import { useTranslation } from "~/i18n/react";

/**
 * `columns` are the header cells' contents; null is the column of a row's buttons and links, titled
 * "Actions" for screen readers only (a header cell is never empty). `children` are the body's rows.
 */
export function DataTable({ columns, testId, children }: { columns: ReactNode[]; testId?: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <table className="data" data-testid={testId}>
      <thead>
        <tr>
          {columns.map((title, i) => (
            <th key={i} scope="col">
              {title ?? <span className="sr-only">{t("common.actions")}</span>}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
