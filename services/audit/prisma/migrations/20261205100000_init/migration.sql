-- The audit service: every Kafka record in a hash chain, append-only, and the checkpoints it signed
-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "outbox_event" (
    "id" BIGSERIAL NOT NULL,
    "event_id" UUID NOT NULL,
    "topic" TEXT NOT NULL,
    "message_key" TEXT NOT NULL,
    "event_type" TEXT NOT NULL,
    "event_version" INTEGER NOT NULL,
    "envelope" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "parked_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbox_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inbox_event" (
    "consumer" TEXT NOT NULL,
    "event_id" UUID NOT NULL,
    "event_type" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "partition" INTEGER NOT NULL,
    "offset" BIGINT NOT NULL,
    "processed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inbox_event_pkey" PRIMARY KEY ("consumer","event_id")
);

-- CreateTable
CREATE TABLE "audit_record" (
    "sequence" BIGINT NOT NULL,
    "topic" TEXT NOT NULL,
    "partition" INTEGER NOT NULL,
    "offset" BIGINT NOT NULL,
    "kafka_timestamp" TIMESTAMPTZ(3),
    "key" TEXT,
    "headers" JSONB NOT NULL,
    "event_id" TEXT,
    "event_type" TEXT,
    "event_version" INTEGER,
    "source" TEXT,
    "aggregate_id" TEXT,
    "correlation_id" TEXT,
    "causation_id" TEXT,
    "occurred_at" TIMESTAMPTZ(3),
    "payload" JSONB,
    "raw_value" TEXT,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL,
    "hash" BYTEA NOT NULL,

    CONSTRAINT "audit_record_pkey" PRIMARY KEY ("sequence")
);

-- CreateTable
CREATE TABLE "audit_checkpoint" (
    "sequence" BIGINT NOT NULL,
    "head_hash" BYTEA NOT NULL,
    "signed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_checkpoint_pkey" PRIMARY KEY ("sequence")
);

-- CreateIndex
CREATE UNIQUE INDEX "outbox_event_event_id_key" ON "outbox_event"("event_id");

-- CreateIndex
CREATE INDEX "outbox_event_published_at_id_idx" ON "outbox_event"("published_at", "id");

-- CreateIndex
CREATE INDEX "audit_record_correlation_id_occurred_at_sequence_idx" ON "audit_record"("correlation_id", "occurred_at", "sequence");

-- CreateIndex
CREATE INDEX "audit_record_aggregate_id_sequence_idx" ON "audit_record"("aggregate_id", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "audit_record_topic_partition_offset_key" ON "audit_record"("topic", "partition", "offset");


-- What Prisma cannot say: the chain is append-only. The service's role owns these tables (it migrates them), so
-- it gives up its own right to change or remove a row, and triggers refuse it to anyone the grants would let
-- through. The owner could grant itself the rights back and a superuser can do anything: the signed checkpoints,
-- kept outside this database, are what catch that.
ALTER TABLE "audit_record" ADD CONSTRAINT "audit_record_sequence_positive" CHECK ("sequence" > 0);
ALTER TABLE "audit_record" ADD CONSTRAINT "audit_record_hash_sha256" CHECK (octet_length("hash") = 32);
ALTER TABLE "audit_checkpoint" ADD CONSTRAINT "audit_checkpoint_head_hash_sha256" CHECK (octet_length("head_hash") = 32);

REVOKE UPDATE, DELETE, TRUNCATE ON "audit_record", "audit_checkpoint" FROM CURRENT_USER;

CREATE FUNCTION "audit_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER "audit_record_append_only" BEFORE UPDATE OR DELETE ON "audit_record"
  FOR EACH ROW EXECUTE FUNCTION "audit_refuse_change"();
CREATE TRIGGER "audit_record_no_truncate" BEFORE TRUNCATE ON "audit_record"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_refuse_change"();
CREATE TRIGGER "audit_checkpoint_append_only" BEFORE UPDATE OR DELETE ON "audit_checkpoint"
  FOR EACH ROW EXECUTE FUNCTION "audit_refuse_change"();
CREATE TRIGGER "audit_checkpoint_no_truncate" BEFORE TRUNCATE ON "audit_checkpoint"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_refuse_change"();
