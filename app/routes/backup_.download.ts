// POST /backup/download: the conference as an encrypted backup file (ADR 0029). Organizers only
// (backup.create); audited. A refused passphrase goes back to the page with the reason.
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { requireMember } from "~/context.server";
import { audit } from "~/domain/accounts.server";
import { clientIp } from "~/http/request.server";
import { createBackup, MAX_PASSPHRASE, MIN_PASSPHRASE } from "../../server/backup/index.js";

export async function loader() {
  return redirect("/backup");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { conference, user } = await requireMember(request, context, "backup.create");
  const form = await request.formData();
  const passphrase = String(form.get("passphrase") ?? "");
  const again = String(form.get("again") ?? "");
  const back = (error: string) => {
    const url = new URL(request.url);
    url.searchParams.set("error", error);
    return redirect(`/backup${url.search}`, 303);
  };
  const length = [...passphrase].length;
  if (length < MIN_PASSPHRASE) return back("short");
  if (length > MAX_PASSPHRASE) return back("long");
  if (passphrase !== again) return back("mismatch");
  const { file, fileName } = await createBackup(context.services.sql, { conferenceId: conference.id, passphrase, app: context.services.version });
  await audit(context.services.prisma, user.id, "backup.create", "Conference", conference.id, { bytes: file.length }, { conferenceId: conference.id, ip: clientIp(request) });
  return new Response(new Uint8Array(file), {
    headers: {
      "Content-Type": "application/octet-stream",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Content-Length": String(file.length),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
