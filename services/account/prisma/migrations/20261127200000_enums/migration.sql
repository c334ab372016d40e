-- The closed sets become enums. Generated with `prisma migrate diff`, then edited by hand: Prisma's diff drops
-- and re-adds each column, losing its data, where this converts every column in place.
-- (No semicolon in a comment: the pg adapter's executeScript, which `prisma migrate deploy` uses, splits on it.)

-- CreateEnum
CREATE TYPE "AccountKind" AS ENUM ('current', 'savings', 'clearing');

-- CreateEnum
CREATE TYPE "AccountStatus" AS ENUM ('active', 'frozen');

-- CreateEnum
CREATE TYPE "Currency" AS ENUM ('EUR', 'USD', 'GBP', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'JPY');

-- CreateEnum
CREATE TYPE "TransactionKind" AS ENUM ('deposit', 'withdrawal', 'transfer');

-- CreateEnum
CREATE TYPE "EntryKind" AS ENUM ('deposit', 'withdrawal', 'transfer_debit', 'transfer_credit');

-- CreateEnum
CREATE TYPE "EntryDirection" AS ENUM ('debit', 'credit');

-- CreateEnum
CREATE TYPE "IdempotencyState" AS ENUM ('in_flight', 'completed');

-- Hand-written: the init migration's rules that compare these columns with text literals cannot survive the
-- type change (there is no enum = text operator), so they are dropped here and recreated below.
ALTER TABLE "account" DROP CONSTRAINT "account_customer_balance_not_negative";
ALTER TABLE "account" DROP CONSTRAINT "account_owner_matches_kind";
DROP INDEX "account_one_current_per_user";
DROP INDEX "account_one_clearing_per_currency";
-- the enum types now say which values are valid
ALTER TABLE "account" DROP CONSTRAINT "account_kind_valid";
ALTER TABLE "account" DROP CONSTRAINT "account_status_valid";
ALTER TABLE "ledger_entry" DROP CONSTRAINT "ledger_entry_direction_valid";
ALTER TABLE "idempotency_key" DROP CONSTRAINT "idempotency_key_state_valid";

-- AlterTable
ALTER TABLE "account" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "account" ALTER COLUMN "kind" TYPE "AccountKind" USING "kind"::"AccountKind",
ALTER COLUMN "currency" TYPE "Currency" USING "currency"::text::"Currency",
ALTER COLUMN "status" TYPE "AccountStatus" USING "status"::"AccountStatus";
ALTER TABLE "account" ALTER COLUMN "status" SET DEFAULT 'active';

-- AlterTable
ALTER TABLE "ledger_transaction" ALTER COLUMN "kind" TYPE "TransactionKind" USING "kind"::"TransactionKind",
ALTER COLUMN "currency" TYPE "Currency" USING "currency"::text::"Currency";

-- AlterTable
ALTER TABLE "ledger_entry" ALTER COLUMN "kind" TYPE "EntryKind" USING "kind"::"EntryKind",
ALTER COLUMN "direction" TYPE "EntryDirection" USING "direction"::"EntryDirection",
ALTER COLUMN "currency" TYPE "Currency" USING "currency"::text::"Currency";

-- AlterTable
ALTER TABLE "idempotency_key" ALTER COLUMN "state" TYPE "IdempotencyState" USING "state"::"IdempotencyState";

-- Hand-written: the init migration's rules again, now comparing enums.

-- a customer's balance never goes negative, whatever the concurrency (the bank's clearing accounts may)
ALTER TABLE "account" ADD CONSTRAINT "account_customer_balance_not_negative" CHECK ("kind" = 'clearing' OR "balance_minor" >= 0);
ALTER TABLE "account" ADD CONSTRAINT "account_owner_matches_kind" CHECK (("kind" = 'clearing') = ("user_id" IS NULL AND "iban" IS NULL));

-- one current account per user: makes opening it on signup idempotent
CREATE UNIQUE INDEX "account_one_current_per_user" ON "account"("user_id") WHERE "kind" = 'current';
-- one clearing account per currency
CREATE UNIQUE INDEX "account_one_clearing_per_currency" ON "account"("currency") WHERE "kind" = 'clearing';
