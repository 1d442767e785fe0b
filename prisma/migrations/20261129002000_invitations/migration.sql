-- Invitations and forces (issue 4, ADR 0020/0021): event kinds, force versions, an append-only history.
CREATE TYPE "InvitationEventKind" AS ENUM ('CREATED', 'STATUS', 'TERMS', 'DELEGATION');

ALTER TABLE "InvitationEvent" ADD COLUMN "kind" "InvitationEventKind" NOT NULL DEFAULT 'STATUS';
ALTER TABLE "InvitationEvent" ADD COLUMN "data" JSONB;

ALTER TABLE "Force" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;

-- The history cannot be rewritten: no UPDATE ever, and no DELETE except the cascade that follows the
-- deletion of its invitation (a conference or force being removed for good).
CREATE FUNCTION "InvitationEvent_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    RAISE EXCEPTION 'InvitationEvent is append-only' USING ERRCODE = 'check_violation';
  END IF;
  IF EXISTS (SELECT 1 FROM "Invitation" WHERE "id" = OLD."invitationId") THEN
    RAISE EXCEPTION 'InvitationEvent is append-only' USING ERRCODE = 'check_violation';
  END IF;
  RETURN OLD;
END;
$$;

CREATE TRIGGER "InvitationEvent_append_only" BEFORE UPDATE OR DELETE ON "InvitationEvent"
  FOR EACH ROW EXECUTE FUNCTION "InvitationEvent_append_only"();

-- Lists filter invitations by force and sort by deadline; the "needs attention" query reads both.
CREATE INDEX "Invitation_conferenceId_confirmationDeadline_idx" ON "Invitation"("conferenceId", "confirmationDeadline");
