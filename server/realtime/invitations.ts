// socket.io handlers of the invitation pipeline: a thin adapter over app/domain/invitations.server.ts.
// The board moves a dragged card with `invitation.transition`; the answer comes in the ack, and the
// change reaches every other organizer's table and board through `invitation.changed`.
import type { Socket } from "socket.io";
import type { AppServices } from "../../app/services.server.js";
import { DomainError, INVITATION_TRANSITION, transitionInvitation, userFromCookieHeader } from "../../app/server-exports.server.js";

type Ack = (r: { ok: true; invitation: unknown } | { ok: false; error: { code: string; message: string; details?: unknown } }) => void;

/** `clientIp`: the handshake's client address through the trusted proxies (TRUST_PROXY), for the audit trail. */
export function registerInvitationHandlers(socket: Socket, services: AppServices, clientIp: string) {
  socket.on(INVITATION_TRANSITION, async (payload: unknown, ack?: Ack) => {
    const reply: Ack = typeof ack === "function" ? ack : () => {};
    try {
      const p = (payload ?? {}) as { id?: unknown; to?: unknown; version?: unknown; note?: unknown };
      if (typeof p.id !== "string") throw new DomainError("bad_request", "id is required");
      // The session is checked again on every change: a signed-out or disabled user changes nothing.
      const user = await userFromCookieHeader(services, socket.handshake.headers.cookie);
      if (!user) throw new DomainError("unauthenticated", "Your session has ended; sign in again");
      // The domain announces the committed change to the staff and the force's rooms itself.
      const inv = await transitionInvitation(services.prisma, user, p.id, { to: p.to as never, version: p.version as never, note: p.note as never }, { ip: clientIp, realtime: services.realtime, mail: services.mail });
      reply({ ok: true, invitation: inv });
    } catch (err) {
      if (err instanceof DomainError) reply({ ok: false, error: { code: err.code, message: err.message, details: err.details } });
      else {
        services.log.error({ err }, "invitation.transition failed");
        reply({ ok: false, error: { code: "internal", message: "Something went wrong on our side" } });
      }
    }
  });
}
