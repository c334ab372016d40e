/** The simulation cannot start: a service is down, credentials are missing, or the bank refuses the setup. */
export class CannotRunError extends Error {}
