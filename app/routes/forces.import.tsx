// CSV import: upload → every row checked (errors by line and column, nothing written) → preview →
// confirm → one transaction, with progress. Works without JavaScript (the progress page refreshes).
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useKeptActionData } from "~/components/ui/action-data";
import { useEffect } from "react";
import { useTranslation } from "~/i18n/react";
import { requireMember } from "~/context.server";
import { csvColumns, decodeUtf8, previewImport, type CsvIssue } from "~/domain/force-csv.server";
import { DomainError } from "~/domain/errors";
import { findJob, runImport, stageImport } from "~/http/import-jobs.server";
import { PipelineTabs } from "~/components/invitations/ui";
import { formString } from "~/http/page.server";
import { idParam, pageParams } from "~/domain/query-params";
import { pageTitle } from "~/i18n/meta";

export const meta = pageTitle("forces.importTitle");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireMember(request, context, "force.manage");
  const id = pageParams(request, { job: idParam }).job ?? null;
  const job = findJob(id, user.id);
  return json({
    columns: csvColumns.map((c) => c.key),
    expired: !!id && !job,
    job: job
      ? {
          id: job.id,
          state: job.state,
          done: job.done,
          total: job.total,
          result: job.result ?? null,
          error: job.error ?? null,
          sample: job.state === "ready" ? job.preview.rows.slice(0, 15).map((r) => ({ line: r.line, ...r.force.data, status: r.invitation?.status ?? null })) : [],
        }
      : null,
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, conference } = await requireMember(request, context, "force.manage");
  const form = await request.formData();
  if (formString(form, "intent") === "commit") {
    const job = findJob(formString(form, "job"), user.id);
    if (!job) return redirect("/forces/import?job=expired");
    runImport(context.services.prisma, user, job, { realtime: context.services.realtime });
    return redirect(`/forces/import?job=${job.id}`);
  }
  const file = form.get("file");
  if (!file || typeof file === "string" || file.size === 0) return json({ errors: null, total: 0, problem: "noFile" as const }, { status: 400 });
  try {
    const text = decodeUtf8(new Uint8Array(await file.arrayBuffer()));
    const preview = await previewImport(context.services.prisma, user, conference.id, text);
    if (preview.errors.length) return json({ errors: preview.errors, total: preview.total, problem: null }, { status: 422 });
    const job = stageImport(user.id, conference.id, preview);
    return redirect(`/forces/import?job=${job.id}`);
  } catch (err) {
    if (err instanceof DomainError) return json({ errors: [{ line: 0, column: null, code: /UTF-8/.test(err.message) ? "not_utf8" : "invalid", message: err.message }] as CsvIssue[], total: 0, problem: null }, { status: err.status });
    throw err;
  }
}

export default function ImportPage() {
  const { t } = useTranslation();
  const { job, columns, expired } = useLoaderData<typeof loader>();
  const data = useKeptActionData<typeof action>();
  const nav = useNavigation();
  const revalidator = useRevalidator();
  const running = job?.state === "running";
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 700);
    return () => clearInterval(timer);
  }, [running, revalidator]);

  return (
    <div className="space-y-4">
      <PipelineTabs staff />
      <h1 className="text-2xl font-bold">{t("forces.importTitle")}</h1>
      {expired ? <p className="error">{t("forces.importExpired")}</p> : null}

      {job?.state === "ready" ? (
        <section className="card space-y-3" data-testid="import-preview">
          <p className="notice">{t("forces.importValid", { count: job.total })}</p>
          <h2 className="font-semibold">{t("forces.importPreview")}</h2>
          <div className="overflow-x-auto">
            <table className="data">
              <thead>
                <tr>
                  <th>{t("forces.importLine")}</th>
                  <th>{t("forces.fields.nameAr")}</th>
                  <th>{t("forces.fields.kind")}</th>
                  <th>{t("forces.fields.region")}</th>
                  <th>{t("forces.fields.status")}</th>
                </tr>
              </thead>
              <tbody>
                {job.sample.map((r) => (
                  <tr key={r.line}>
                    <td>{r.line}</td>
                    <td>{r.nameAr}</td>
                    <td>{t(`forces.kind.${r.kind}`)}</td>
                    <td>{t(`forces.region.${r.region}`)}</td>
                    <td>{r.status ? t(`status.${r.status}`) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Form method="post">
            <input type="hidden" name="job" value={job.id} />
            <button type="submit" name="intent" value="commit" className="btn" data-testid="import-confirm">
              {t("forces.importConfirm", { count: job.total })}
            </button>
          </Form>
        </section>
      ) : null}

      {running ? (
        <section className="card" aria-live="polite" data-testid="import-running">
          <noscript>
            <meta httpEquiv="refresh" content="2" />
          </noscript>
          <p>{t("forces.importRunning")}</p>
          <progress max={job.total} value={job.done} className="w-full" />
          <p className="text-sm">{t("forces.importProgress", { done: job.done, total: job.total })}</p>
        </section>
      ) : null}
      {job?.state === "done" && job.result ? (
        <p className="notice" data-testid="import-done">
          {t("forces.importDone", job.result)} <Link to="/forces">{t("forces.title")}</Link>
        </p>
      ) : null}
      {job?.state === "failed" ? (
        <p className="error" role="alert" data-testid="import-failed">
          {t("forces.importFailed", { message: job.error })}
        </p>
      ) : null}

      {!job || job.state !== "running" ? (
        <Form method="post" encType="multipart/form-data" className="card space-y-3">
          <p>{t("forces.importHelp")}</p>
          <p className="text-sm">
            {t("forces.importColumns")} <code dir="ltr">{columns.join(", ")}</code>
          </p>
          <label className="block">
            <span className="font-semibold">{t("forces.importFile")}</span>
            <input type="file" name="file" accept=".csv,text/csv" required className="field" data-testid="import-file" />
          </label>
          <button type="submit" name="intent" value="check" className="btn" disabled={nav.state === "submitting"} data-testid="import-check">
            {t("forces.importCheck")}
          </button>
        </Form>
      ) : null}

      {data?.problem === "noFile" ? <p className="error">{t("forces.importNoFile")}</p> : null}
      {data?.errors?.length ? (
        <section className="card" data-testid="import-errors">
          <p className="error">{t("forces.importErrors", { count: data.errors.length })}</p>
          <table className="data mt-2">
            <thead>
              <tr>
                <th>{t("forces.importLine")}</th>
                <th>{t("forces.importColumn")}</th>
                <th>{t("forces.importProblem")}</th>
              </tr>
            </thead>
            <tbody>
              {data.errors.slice(0, 500).map((e, i) => (
                <tr key={i} data-testid="import-error">
                  <td>{e.line || "—"}</td>
                  <td dir="ltr">{e.column ?? "—"}</td>
                  <td>{t(`forces.csv.${e.code}`, { ...e.params, defaultValue: e.message })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </div>
  );
}
