-- Hand-written: deposits and withdrawals of one currency no longer queue on one clearing row. Each currency gets
-- 16 clearing accounts (slots 0 to 15), and a customer account always posts against the slot its id hashes to, so
-- only movements of accounts that share a slot wait for each other. Bank-wide, every currency still sums to zero.
ALTER TABLE "account" ADD COLUMN "clearing_slot" SMALLINT;
UPDATE "account" SET "clearing_slot" = 0 WHERE "kind" = 'clearing';
ALTER TABLE "account" ADD CONSTRAINT "account_clearing_slot_matches_kind" CHECK (("kind" = 'clearing') = ("clearing_slot" IS NOT NULL));
ALTER TABLE "account" ADD CONSTRAINT "account_clearing_slot_range" CHECK ("clearing_slot" BETWEEN 0 AND 15);

-- one clearing account per currency and slot
DROP INDEX "account_one_clearing_per_currency";
CREATE UNIQUE INDEX "account_one_clearing_per_currency_slot" ON "account"("currency", "clearing_slot") WHERE "kind" = 'clearing';

INSERT INTO "account" ("id", "kind", "currency", "clearing_slot")
SELECT gen_random_uuid(), 'clearing', clearing."currency", slot
FROM (SELECT DISTINCT "currency" FROM "account" WHERE "kind" = 'clearing') AS clearing
CROSS JOIN generate_series(1, 15) AS slot;
