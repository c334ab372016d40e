/** A flag or variable the simulator cannot use; the message names it. */
export class UsageError extends Error {}
