-- An audit trail people can read and nobody can rewrite (issue 17, ADR 0032).

ALTER TABLE "AuditEvent" ADD COLUMN "ip" TEXT;
ALTER TABLE "AuditEvent" ADD COLUMN "conferenceId" TEXT;
ALTER TABLE "AuditEvent" ADD COLUMN "prevHash" TEXT;
ALTER TABLE "AuditEvent" ADD COLUMN "hash" TEXT NOT NULL DEFAULT '';
CREATE INDEX "AuditEvent_conferenceId_id_idx" ON "AuditEvent"("conferenceId", "id");

-- Earlier events learn their conference where the subject still names it.
UPDATE "AuditEvent" SET "conferenceId" = "subjectId" WHERE "subjectType" = 'Conference';
UPDATE "AuditEvent" e SET "conferenceId" = m."conferenceId" FROM "Membership" m WHERE e."subjectType" = 'Membership' AND m."id" = e."subjectId";
UPDATE "AuditEvent" e SET "conferenceId" = l."conferenceId" FROM "DelegateLink" l WHERE e."subjectType" = 'DelegateLink' AND l."id" = e."subjectId";
UPDATE "AuditEvent" e SET "conferenceId" = f."conferenceId" FROM "Force" f WHERE e."subjectType" = 'Force' AND f."id" = e."subjectId";
UPDATE "AuditEvent" SET "conferenceId" = "data"->>'conferenceId' WHERE "conferenceId" IS NULL AND jsonb_typeof("data"->'conferenceId') = 'string';

-- What a row's hash covers: a JSON array of its content in this order, the data as jsonb prints it
-- (keys de-duplicated and sorted), the time as ISO 8601 UTC with milliseconds. The hash is
-- sha256(previous hash or "" + "\n" + content) in hex. app/domain/audit.server.ts recomputes it on its own.
CREATE FUNCTION "AuditEvent_content"(e "AuditEvent") RETURNS text LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_array(e."actorId", e."action", e."subjectType", e."subjectId", e."data", e."ip", e."conferenceId",
    to_char(e."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text
$$;

CREATE FUNCTION "AuditEvent_hash"(prev text, e "AuditEvent") RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(coalesce(prev, '') || E'\n' || "AuditEvent_content"(e), 'UTF8')), 'hex')
$$;

-- The existing rows, chained in id order.
DO $$
DECLARE
  r "AuditEvent";
  prev text;
  h text;
BEGIN
  FOR r IN SELECT * FROM "AuditEvent" ORDER BY "id" LOOP
    h := "AuditEvent_hash"(prev, r);
    UPDATE "AuditEvent" SET "prevHash" = prev, "hash" = h WHERE "id" = r."id";
    prev := h;
  END LOOP;
END;
$$;

-- Every insert, whoever writes it, is chained: one writer at a time (a transaction-level advisory lock
-- held until commit), the id taken under the lock so id order is chain order, the previous row read
-- with a fresh snapshot (READ COMMITTED; other isolation levels would not see a concurrent commit).
CREATE FUNCTION "AuditEvent_chain"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  prev text;
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'AuditEvent rows are written in READ COMMITTED transactions' USING ERRCODE = 'check_violation';
  END IF;
  PERFORM pg_advisory_xact_lock(7370717);
  NEW."id" := nextval('"AuditEvent_id_seq"');
  SELECT "hash" INTO prev FROM "AuditEvent" ORDER BY "id" DESC LIMIT 1;
  NEW."prevHash" := prev;
  NEW."hash" := "AuditEvent_hash"(prev, NEW);
  RETURN NEW;
END;
$$;

CREATE TRIGGER "AuditEvent_chain" BEFORE INSERT ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "AuditEvent_chain"();

-- Append-only: no UPDATE, DELETE or TRUNCATE, ever (the product has no such path).
CREATE FUNCTION "AuditEvent_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only' USING ERRCODE = 'check_violation';
END;
$$;

CREATE TRIGGER "AuditEvent_append_only" BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "AuditEvent_append_only"();
CREATE TRIGGER "AuditEvent_no_truncate" BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "AuditEvent_append_only"();
