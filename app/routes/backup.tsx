// The organizer's encrypted backup of the conference (ADR 0029): a no-JS form that posts to
// /backup/download, which answers with the file. Organizers only (backup.create).
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useLocation } from "@remix-run/react";
import { requireMember } from "~/context.server";
import { useTranslation } from "~/i18n/react";
import { pageParams } from "~/domain/query-params";
import { z } from "zod";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle("backup.title");

const errors = ["mismatch", "short", "long"] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireMember(request, context, "backup.create");
  const { error } = pageParams(request, { error: z.enum(errors).optional() });
  return json({ error: error ? `backup.errors.${error}` : null });
}

export default function Backup() {
  const { t } = useTranslation();
  const { error } = useLoaderData<typeof loader>();
  const conf = new URLSearchParams(useLocation().search).get("conf");
  return (
    <div className="mx-auto max-w-md card space-y-3">
      <h1 className="text-xl font-bold">{t("backup.title")}</h1>
      <p>{t("backup.intro")}</p>
      <p className="font-semibold">{t("backup.warning")}</p>
      {error ? (
        <p role="alert" className="error">
          {t(error)}
        </p>
      ) : null}
      {/* A plain form: the answer is a file download, not a page. */}
      <form method="post" action={`/backup/download${conf ? `?conf=${encodeURIComponent(conf)}` : ""}`} className="space-y-2">
        <label className="block">
          {t("backup.passphrase")}
          <input type="password" name="passphrase" required minLength={12} maxLength={1000} autoComplete="new-password" className="input w-full" />
        </label>
        <label className="block">
          {t("backup.again")}
          <input type="password" name="again" required minLength={12} maxLength={1000} autoComplete="new-password" className="input w-full" />
        </label>
        <button type="submit" className="btn">
          {t("backup.submit")}
        </button>
      </form>
      <p className="text-sm" dir="auto">
        {t("backup.restoreHint")}
      </p>
    </div>
  );
}
