/** "Sort by severity" ascending: broken, warning, unknown (or never checked), healthy; kept as connections.health_rank. */
export const HEALTH_RANKS = { broken: 0, warning: 1, unknown: 2, healthy: 3 } as const;
export const healthRankOf = (state: string): number => HEALTH_RANKS[state as keyof typeof HEALTH_RANKS] ?? HEALTH_RANKS.unknown;
