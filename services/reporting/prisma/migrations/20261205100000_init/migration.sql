-- The reporting service: read models derived from the event log (statement lines, spending, daily totals)

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Currency" AS ENUM ('EUR', 'USD', 'GBP', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'JPY');

-- CreateEnum
CREATE TYPE "Direction" AS ENUM ('credit', 'debit');

-- CreateEnum
CREATE TYPE "AccountKind" AS ENUM ('current', 'savings');

-- CreateEnum
CREATE TYPE "TransactionKind" AS ENUM ('deposit', 'withdrawal', 'transfer_debit', 'transfer_credit', 'card_payment', 'card_refund');

-- CreateEnum
CREATE TYPE "SpendingCategory" AS ENUM ('groceries', 'restaurants', 'transport', 'travel', 'shopping', 'entertainment', 'health', 'services', 'cash', 'other');

-- CreateEnum
CREATE TYPE "AlertSeverity" AS ENUM ('low', 'medium', 'high');

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
    "user_id" UUID NOT NULL,
    "full_name" TEXT NOT NULL,

    CONSTRAINT "customer_pkey" PRIMARY KEY ("user_id")
);

-- CreateTable
CREATE TABLE "account" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "iban" TEXT NOT NULL,
    "currency" "Currency" NOT NULL,
    "kind" "AccountKind" NOT NULL,
    "opened_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "card" (
    "id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "last4" CHAR(4) NOT NULL,

    CONSTRAINT "card_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "statement_line" (
    "account_id" UUID NOT NULL,
    "line_no" INTEGER NOT NULL,
    "event_id" UUID NOT NULL,
    "transaction_id" UUID NOT NULL,
    "posted_at" TIMESTAMPTZ(3) NOT NULL,
    "kind" "TransactionKind" NOT NULL,
    "direction" "Direction" NOT NULL,
    "amount_minor" BIGINT NOT NULL,
    "balance_after_minor" BIGINT NOT NULL,
    "currency" "Currency" NOT NULL,
    "description" TEXT NOT NULL,
    "card_id" UUID,
    "merchant_category" CHAR(4),
    "category" "SpendingCategory",

    CONSTRAINT "statement_line_pkey" PRIMARY KEY ("account_id","line_no")
);

-- CreateTable
CREATE TABLE "monthly_spending" (
    "account_id" UUID NOT NULL,
    "month" CHAR(7) NOT NULL,
    "category" "SpendingCategory" NOT NULL,
    "currency" "Currency" NOT NULL,
    "net_minor" BIGINT NOT NULL,
    "payments" INTEGER NOT NULL,
    "refunds" INTEGER NOT NULL,

    CONSTRAINT "monthly_spending_pkey" PRIMARY KEY ("account_id","month","category")
);

-- CreateTable
CREATE TABLE "daily_total" (
    "day" DATE NOT NULL,
    "currency" "Currency" NOT NULL,
    "kind" "TransactionKind" NOT NULL,
    "direction" "Direction" NOT NULL,
    "count" INTEGER NOT NULL,
    "sum_minor" BIGINT NOT NULL,

    CONSTRAINT "daily_total_pkey" PRIMARY KEY ("day","currency","kind","direction")
);

-- CreateTable
CREATE TABLE "daily_alert_count" (
    "day" DATE NOT NULL,
    "rule" TEXT NOT NULL,
    "severity" "AlertSeverity" NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "daily_alert_count_pkey" PRIMARY KEY ("day","rule","severity")
);

-- CreateIndex
CREATE UNIQUE INDEX "outbox_event_event_id_key" ON "outbox_event"("event_id");

-- CreateIndex
CREATE INDEX "outbox_event_published_at_id_idx" ON "outbox_event"("published_at", "id");

-- CreateIndex
CREATE INDEX "account_user_id_idx" ON "account"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "statement_line_event_id_key" ON "statement_line"("event_id");

-- CreateIndex
CREATE INDEX "statement_line_account_id_posted_at_idx" ON "statement_line"("account_id", "posted_at");

-- Hand-written: what the events guarantee, so a bad replay fails loudly instead of storing nonsense
ALTER TABLE "statement_line" ADD CONSTRAINT "statement_line_amount_positive" CHECK ("amount_minor" > 0);
ALTER TABLE "statement_line" ADD CONSTRAINT "statement_line_balance_not_negative" CHECK ("balance_after_minor" >= 0);
ALTER TABLE "statement_line" ADD CONSTRAINT "statement_line_number_positive" CHECK ("line_no" >= 1);
ALTER TABLE "monthly_spending" ADD CONSTRAINT "monthly_spending_month_format" CHECK ("month" ~ '^\d{4}-(0[1-9]|1[0-2])$');
ALTER TABLE "daily_total" ADD CONSTRAINT "daily_total_count_positive" CHECK ("count" > 0 AND "sum_minor" > 0);
ALTER TABLE "daily_alert_count" ADD CONSTRAINT "daily_alert_count_positive" CHECK ("count" > 0);
