/** Who the browser is, and what the event feed can be filtered by. */
export interface SessionView {
  readonly email: string;
  readonly role: string;
  readonly expiresAt: string;
  /** What the event feed can be filtered by. */
  readonly topics: readonly string[];
  readonly eventTypes: readonly string[];
}
