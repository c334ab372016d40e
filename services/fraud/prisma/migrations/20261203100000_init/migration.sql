-- The fraud service: customers, accounts and their activity as the rules remember them, and the alerts raised

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Currency" AS ENUM ('EUR', 'USD', 'GBP', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'JPY');

-- CreateEnum
CREATE TYPE "Direction" AS ENUM ('credit', 'debit');

-- CreateEnum
CREATE TYPE "AlertSeverity" AS ENUM ('low', 'medium', 'high');

-- CreateEnum
CREATE TYPE "AlertStatus" AS ENUM ('open', 'confirmed_fraud', 'false_positive');

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
CREATE TABLE "customer" (
    "id" UUID NOT NULL,
    "full_name" TEXT NOT NULL,
    "signed_up_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "customer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "known_account" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "currency" "Currency" NOT NULL,
    "opened_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "known_account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "account_posting" (
    "event_id" UUID NOT NULL,
    "transaction_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "direction" "Direction" NOT NULL,
    "amount_minor" BIGINT NOT NULL,
    "currency" "Currency" NOT NULL,
    "posted_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "account_posting_pkey" PRIMARY KEY ("event_id")
);

-- CreateTable
CREATE TABLE "card_attempt" (
    "authorization_id" UUID NOT NULL,
    "card_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "amount_minor" BIGINT NOT NULL,
    "currency" "Currency" NOT NULL,
    "country" CHAR(2) NOT NULL,
    "attempted_at" TIMESTAMPTZ(3) NOT NULL,
    "declined" BOOLEAN NOT NULL,
    "decline_reason" TEXT,
    "event_ids" UUID[],

    CONSTRAINT "card_attempt_pkey" PRIMARY KEY ("authorization_id")
);

-- CreateTable
CREATE TABLE "alert" (
    "id" UUID NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "rule" TEXT NOT NULL,
    "severity" "AlertSeverity" NOT NULL,
    "score" INTEGER NOT NULL,
    "subject" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "card_id" UUID,
    "description" TEXT NOT NULL,
    "evidence" UUID[],
    "amount_minor" BIGINT,
    "currency" "Currency",
    "freeze_card" BOOLEAN NOT NULL,
    "freeze_account" BOOLEAN NOT NULL,
    "status" "AlertStatus" NOT NULL DEFAULT 'open',
    "raised_at" TIMESTAMPTZ(3) NOT NULL,
    "window_ends_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(3),
    "resolved_by" UUID,
    "resolution_note" TEXT,

    CONSTRAINT "alert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "outbox_event_event_id_key" ON "outbox_event"("event_id");

-- CreateIndex
CREATE INDEX "outbox_event_published_at_id_idx" ON "outbox_event"("published_at", "id");

-- CreateIndex
CREATE INDEX "account_posting_account_id_posted_at_idx" ON "account_posting"("account_id", "posted_at");

-- CreateIndex
CREATE INDEX "account_posting_user_id_direction_posted_at_idx" ON "account_posting"("user_id", "direction", "posted_at");

-- CreateIndex
CREATE INDEX "card_attempt_card_id_attempted_at_idx" ON "card_attempt"("card_id", "attempted_at");

-- CreateIndex
CREATE INDEX "card_attempt_event_ids_idx" ON "card_attempt" USING GIN ("event_ids");

-- CreateIndex
CREATE UNIQUE INDEX "alert_seq_key" ON "alert"("seq");

-- CreateIndex
CREATE INDEX "alert_rule_subject_window_ends_at_idx" ON "alert"("rule", "subject", "window_ends_at");

-- CreateIndex
CREATE INDEX "alert_user_id_seq_idx" ON "alert"("user_id", "seq");


-- What Prisma cannot say: the rule names and score range of the contract, money never negative
ALTER TABLE "alert" ADD CONSTRAINT "alert_rule_known" CHECK ("rule" IN ('large-amount', 'velocity', 'card-testing', 'impossible-travel', 'new-account-drain', 'structuring'));
ALTER TABLE "alert" ADD CONSTRAINT "alert_score_range" CHECK ("score" BETWEEN 1 AND 100);
ALTER TABLE "alert" ADD CONSTRAINT "alert_resolved_together" CHECK (("status" = 'open') = ("resolved_at" IS NULL));
ALTER TABLE "account_posting" ADD CONSTRAINT "account_posting_amount_positive" CHECK ("amount_minor" > 0);
ALTER TABLE "card_attempt" ADD CONSTRAINT "card_attempt_amount_not_negative" CHECK ("amount_minor" >= 0);
