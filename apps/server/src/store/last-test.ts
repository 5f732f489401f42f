import type { ConnectionTest } from '@tcc/shared';

/** The recorded test; one recorded before "not-tested" existed says no-user-token for the same thing. */
export function lastTestOf(json: string | null): ConnectionTest | null {
  if (!json) return null;
  const test = JSON.parse(json) as Omit<ConnectionTest, 'outcome'> & { outcome: ConnectionTest['outcome'] | 'no-user-token' };
  return { ...test, outcome: test.outcome === 'no-user-token' ? 'not-tested' : test.outcome };
}
