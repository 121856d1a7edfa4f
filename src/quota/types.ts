/** Docker Hub quota as seen by one probe. */
export interface QuotaReport {
  /**
   * `limited`: headers parsed; `unlimited`: no rate-limit headers (paid plan, exempt IP);
   * `malformed`: headers present but unreadable; `unreachable`: Docker Hub did not answer.
   */
  status: 'limited' | 'unlimited' | 'unreachable' | 'malformed';
  /** Pulls allowed per window (`ratelimit-limit`), when readable. */
  limit?: number | undefined;
  /** Pulls left in the window (`ratelimit-remaining`), when readable. */
  remaining?: number | undefined;
  /** Window length in seconds (`w=`), when given. */
  windowSeconds?: number | undefined;
  /** What the quota is counted against (`docker-ratelimit-source`: an IP, a /64, a user). */
  source?: string | undefined;
  /** The limit header's policy items, e.g. `100;w=21600`. */
  policies: string[];
  /** The probe used Docker Hub credentials that the token endpoint accepted. */
  authenticated: boolean;
  /** Why the status is `unreachable` or `malformed`, or what else went wrong. */
  error?: string | undefined;
}
