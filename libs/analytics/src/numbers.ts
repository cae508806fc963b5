/**
 * Points are kept in hundredths (分, two decimals) and rounded half up. The nudge of 1e-7 hundredths makes values
 * such as 1.005 — which binary floating point stores a hair below — round the way a person checking by hand would;
 * it is far below anything a score can legitimately differ by, and it keeps rounding monotone.
 */
export function roundPoints(x: number): number {
  return Math.round(x * 100 + 1e-7) / 100;
}

/** Rounds a signed difference of two-decimal totals (change against last year), removing float noise only. */
export function roundSigned(x: number): number {
  return Math.sign(x) * roundPoints(Math.abs(x));
}

/** 23.44 → "23.44", 3 → "3.00": points always show two decimals, like the published totals. */
export const formatPoints = (x: number): string => roundPoints(x).toFixed(2);

/** A weight or a configured amount as written: 25 → "25", 0.5 → "0.5". */
export const formatAmount = (x: number): string => String(roundPoints(x));

/** 0.9375 → "93.75%". */
export const formatPercent = (rate: number): string => `${roundPoints(rate * 100).toFixed(2)}%`;

export const inHundredths = (x: number): number => Math.round(x * 100);
