// A mail's attachment as a download (/mail/:id/attachments/:n), e.g. the invitation letter's .ics.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMember } from "~/context.server";
import { readOutboxMail } from "~/domain/mail/mailbox.server";
import { asHttp } from "~/http/page.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user } = await requireMember(request, context, "mail.read");
  if (!/^\d{1,2}$/.test(params.n ?? "")) throw new Response("Not found", { status: 404 });
  const mail = await readOutboxMail(context.services.prisma, user, (params.id ?? "").slice(0, 64), context.services.mail.linkKey, { gone: "", sealed: "" }).catch(asHttp);
  const a = mail.attachments[Number(params.n)];
  if (!a) throw new Response("Not found", { status: 404 });
  // A plain file name of our own making; anything else is replaced so the header stays one safe token.
  const filename = /^[\w.-]{1,100}$/.test(a.filename) ? a.filename : "attachment";
  return new Response(a.encoding === "base64" ? new Uint8Array(Buffer.from(a.content, "base64")) : a.content, {
    headers: {
      "Content-Type": a.contentType,
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
