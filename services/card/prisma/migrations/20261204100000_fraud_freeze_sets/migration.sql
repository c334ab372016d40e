-- Fraud freeze sets: a card remembers that its holder froze it and every open fraud alert that froze it, so
-- neither lifts the other's freeze. Generated with `prisma migrate diff`, then reordered by hand to carry the
-- data over before frozen_alert_id goes, NOT NULL added (Prisma leaves a list nullable) and the rule Prisma
-- cannot express added at the end.
-- (No semicolon in a comment: the pg adapter's executeScript, which `prisma migrate deploy` uses, splits on it.)

-- AlterTable
ALTER TABLE "card" ADD COLUMN     "frozen_alert_ids" UUID[] NOT NULL DEFAULT ARRAY[]::UUID[],
ADD COLUMN     "frozen_by_holder" BOOLEAN NOT NULL DEFAULT false;

-- A frozen card without an alert was frozen by its holder, a card with one by that alert
UPDATE "card" SET "frozen_by_holder" = ("status" = 'frozen' AND "frozen_alert_id" IS NULL),
  "frozen_alert_ids" = CASE WHEN "frozen_alert_id" IS NULL THEN ARRAY[]::UUID[] ELSE ARRAY["frozen_alert_id"] END;

-- AlterTable
ALTER TABLE "card" DROP COLUMN "frozen_alert_id";

-- A card is frozen exactly while its holder or an open fraud alert holds it, until it is cancelled: a cancelled
-- card keeps what froze it, and nothing changes it again
ALTER TABLE "card" ADD CONSTRAINT "card_frozen_by_holder_or_alerts" CHECK ("status" = 'cancelled' OR ("status" = 'frozen') = ("frozen_by_holder" OR cardinality("frozen_alert_ids") > 0));
