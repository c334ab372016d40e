/** A request that got no answer: nothing listening, or no reply within the timeout. */
export class NoAnswerError extends Error {}
