-- Card holds: the Account service's side of the card payment saga. Generated with `prisma migrate diff`, then the
-- rules Prisma cannot express were added by hand at the end.
-- (No semicolon in a comment: the pg adapter's executeScript, which `prisma migrate deploy` uses, splits on it.)
-- CreateEnum
CREATE TYPE "CardHoldStatus" AS ENUM ('held', 'declined', 'captured', 'released');

-- AlterEnum
ALTER TYPE "TransactionKind" ADD VALUE 'card_payment';
ALTER TYPE "TransactionKind" ADD VALUE 'card_refund';

-- AlterEnum
ALTER TYPE "EntryKind" ADD VALUE 'card_payment';
ALTER TYPE "EntryKind" ADD VALUE 'card_refund';

-- AlterTable
ALTER TABLE "account" ADD COLUMN     "held_minor" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "ledger_transaction" ADD COLUMN     "card" JSONB;

-- CreateTable
CREATE TABLE "card_hold" (
    "authorization_id" UUID NOT NULL,
    "card_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "currency" "Currency" NOT NULL,
    "amount_minor" BIGINT NOT NULL,
    "status" "CardHoldStatus" NOT NULL,
    "decline_reason" TEXT,
    "release_reason" TEXT,
    "merchant" JSONB NOT NULL,
    "capture_id" UUID,
    "captured_minor" BIGINT,
    "transaction_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "card_hold_pkey" PRIMARY KEY ("authorization_id")
);

-- CreateTable
CREATE TABLE "card_refund" (
    "refund_id" UUID NOT NULL,
    "authorization_id" UUID NOT NULL,
    "amount_minor" BIGINT NOT NULL,
    "transaction_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "card_refund_pkey" PRIMARY KEY ("refund_id")
);

-- CreateIndex
CREATE INDEX "card_hold_account_id_status_idx" ON "card_hold"("account_id", "status");

-- CreateIndex
CREATE INDEX "card_refund_authorization_id_idx" ON "card_refund"("authorization_id");

-- AddForeignKey
ALTER TABLE "card_refund" ADD CONSTRAINT "card_refund_authorization_id_fkey" FOREIGN KEY ("authorization_id") REFERENCES "card_hold"("authorization_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: money set aside for card authorizations is not available to spend, so a customer account's
-- balance minus its holds can never go below zero, whatever path debits it.
ALTER TABLE "account" DROP CONSTRAINT "account_customer_balance_not_negative";
ALTER TABLE "account" ADD CONSTRAINT "account_customer_available_not_negative" CHECK ("kind" = 'clearing' OR "balance_minor" - "held_minor" >= 0);
ALTER TABLE "account" ADD CONSTRAINT "account_held_not_negative" CHECK ("held_minor" >= 0);
ALTER TABLE "card_hold" ADD CONSTRAINT "card_hold_amount_positive" CHECK ("amount_minor" > 0);
ALTER TABLE "card_hold" ADD CONSTRAINT "card_hold_captured_within_amount" CHECK ("captured_minor" IS NULL OR ("captured_minor" > 0 AND "captured_minor" <= "amount_minor"));
ALTER TABLE "card_refund" ADD CONSTRAINT "card_refund_amount_positive" CHECK ("amount_minor" > 0);
