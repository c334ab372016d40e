-- Card authorizations and refunds: the Card service's side of the card payment saga. Generated with
-- `prisma migrate diff`, then the rules Prisma cannot express were added by hand at the end.
-- (No semicolon in a comment: the pg adapter's executeScript, which `prisma migrate deploy` uses, splits on it.)
-- CreateEnum
CREATE TYPE "AuthorizationStatus" AS ENUM ('pending', 'approved', 'declined', 'capturing', 'captured', 'reversing', 'reversed', 'expiring', 'expired');

-- CreateEnum
CREATE TYPE "RefundStatus" AS ENUM ('pending', 'posted');

-- AlterTable
ALTER TABLE "card" ADD COLUMN     "frozen_alert_id" UUID;

-- CreateTable
CREATE TABLE "card_authorization" (
    "id" UUID NOT NULL,
    "card_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "amount_minor" BIGINT NOT NULL,
    "currency" "Currency" NOT NULL,
    "merchant_name" TEXT NOT NULL,
    "merchant_category_code" CHAR(4) NOT NULL,
    "merchant_country" CHAR(2) NOT NULL,
    "status" "AuthorizationStatus" NOT NULL,
    "decline_reason" TEXT,
    "response_code" CHAR(2),
    "approval_code" CHAR(6),
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "capture_id" UUID,
    "captured_minor" BIGINT,
    "transaction_id" UUID,
    "refunded_minor" BIGINT NOT NULL DEFAULT 0,
    "correlation_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "card_authorization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "card_refund" (
    "id" UUID NOT NULL,
    "authorization_id" UUID NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "amount_minor" BIGINT NOT NULL,
    "status" "RefundStatus" NOT NULL,
    "transaction_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "card_refund_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "card_authorization_idempotency_key_key" ON "card_authorization"("idempotency_key");

-- CreateIndex
CREATE INDEX "card_authorization_card_id_created_at_idx" ON "card_authorization"("card_id", "created_at");

-- CreateIndex
CREATE INDEX "card_authorization_status_expires_at_idx" ON "card_authorization"("status", "expires_at");

-- CreateIndex
CREATE INDEX "card_authorization_status_updated_at_idx" ON "card_authorization"("status", "updated_at");

-- CreateIndex
CREATE INDEX "card_refund_status_updated_at_idx" ON "card_refund"("status", "updated_at");

-- CreateIndex
CREATE UNIQUE INDEX "card_refund_idempotency_key_key" ON "card_refund"("idempotency_key");

-- CreateIndex
CREATE INDEX "card_refund_authorization_id_idx" ON "card_refund"("authorization_id");

-- AddForeignKey
ALTER TABLE "card_authorization" ADD CONSTRAINT "card_authorization_card_id_fkey" FOREIGN KEY ("card_id") REFERENCES "card"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "card_refund" ADD CONSTRAINT "card_refund_authorization_id_fkey" FOREIGN KEY ("authorization_id") REFERENCES "card_authorization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written
ALTER TABLE "card_authorization" ADD CONSTRAINT "card_authorization_amount_positive" CHECK ("amount_minor" > 0);
ALTER TABLE "card_authorization" ADD CONSTRAINT "card_authorization_captured_within_amount" CHECK ("captured_minor" IS NULL OR ("captured_minor" > 0 AND "captured_minor" <= "amount_minor"));
ALTER TABLE "card_authorization" ADD CONSTRAINT "card_authorization_refunded_within_captured" CHECK ("refunded_minor" >= 0 AND "refunded_minor" <= COALESCE("captured_minor", 0));
ALTER TABLE "card_refund" ADD CONSTRAINT "card_refund_amount_positive" CHECK ("amount_minor" > 0);
