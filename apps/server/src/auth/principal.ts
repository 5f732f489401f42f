/** Who is calling: a signed-in user, through a cookie session (with its CSRF token) or a bearer token. */
export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  systemAdmin: boolean;
  /** Present for cookie sessions: state-changing requests must echo `csrfToken` in X-CSRF-Token. */
  session: { idHash: string; csrfToken: string; expiresAt: string } | null;
}
