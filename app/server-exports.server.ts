// What server/ (Express, socket.io, the Yjs server) uses of app/, and the only way it reaches app/ at run
// time (ADR 0036). In production this module is an entry of the Remix server build
// (build/server/server-exports.js) and the compiled server imports it from there, so the routes and the
// adapters share one copy of every app/ module: one DomainError class, one policy, one session lookup.
// Type-only imports of app/ from server/ are free: they leave nothing at run time.
export { may } from "./policy";
export { DomainError, notFound } from "./domain/errors";
export { userForSession } from "./domain/sessions.server";
export { sessionIdFromCookieHeader, userFromCookieHeader } from "./session.server";
export { transitionInvitation } from "./domain/invitations.server";
export { INVITATION_TRANSITION } from "~/domain/invitations-live";
export { rooms, roomsFor } from "~/domain/rooms";
export { ensureDailyVersion } from "./domain/papers.server";
export { PAPER_FRAGMENT } from "./domain/paper-doc";
export { blockIdsNeedRepair, repairBlockIds } from "./domain/block-ids";
export { markProblem, paperSchemaSpec } from "./domain/paper-schema";
// Translations co-edited live (ADR 0074): the documents' shape, and the rows they are written through to.
export { blockField, blockIdOfField, fragmentText, parseTranslationDocName, setFragmentText, translationDocFrom, translationDocName, TRANSLATION_PARAGRAPH } from "./domain/translation-doc";
export { writeLiveTranslation } from "./domain/translations.server";
// The demo seed builds its data with the domain's own functions (password hashing, paper state).
export { seedDemo } from "../prisma/seed";
// Mail and notifications (issue 18): the jobs the ticker runs.
export { scheduledJobs } from "./domain/mail/scheduled.server";
// The mail worker (server/mail/worker.ts) puts sign-in links back as it delivers.
export { deliverableBodies } from "./domain/mail/outbox.server";
