-- Fraud freezes: the alert that froze an account, so that only the resolution of that alert as a false positive
-- unfreezes it. Generated with `prisma migrate diff`.
-- (No semicolon in a comment: the pg adapter's executeScript, which `prisma migrate deploy` uses, splits on it.)

-- AlterTable
ALTER TABLE "account" ADD COLUMN     "frozen_alert_id" UUID;
