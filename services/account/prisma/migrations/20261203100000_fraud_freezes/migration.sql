-- Fraud freezes: the open fraud alerts that froze an account, so that it stays frozen until the last of them is
-- resolved as a false positive. Generated with `prisma migrate diff`, then NOT NULL (Prisma leaves a list
-- nullable) and the rule Prisma cannot express were added by hand at the end.
-- (No semicolon in a comment: the pg adapter's executeScript, which `prisma migrate deploy` uses, splits on it.)

-- AlterTable
ALTER TABLE "account" ADD COLUMN     "frozen_alert_ids" UUID[] NOT NULL DEFAULT ARRAY[]::UUID[];

-- Hand-written
-- An account an open alert froze is frozen. Not the converse: accounts frozen before this migration, or by hand,
-- have no alert to name, and the alerts leave such a freeze alone
ALTER TABLE "account" ADD CONSTRAINT "account_frozen_while_alerted" CHECK (cardinality("frozen_alert_ids") = 0 OR "status" = 'frozen');
