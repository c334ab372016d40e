/** How many clearing accounts each currency has (the clearing_slots migration creates them). */
export const CLEARING_SLOTS = 16;

/**
 * The clearing account slot a customer account's cash movements post against: from its (random, v4) id, so
 * accounts spread evenly over the slots and one account always uses the same one.
 */
export function clearingSlotOf(accountId: string): number {
  return Number.parseInt(accountId.slice(0, 8), 16) % CLEARING_SLOTS;
}
