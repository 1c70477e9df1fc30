/**
 * The BSN 11-proof: nine digits d1..d9 with 9·d1 + 8·d2 + … + 2·d8 − 1·d9 divisible by 11.
 * All zeros passes the arithmetic but is no one's number.
 */
export function isValidBsn(value: string): boolean {
  if (!/^\d{9}$/.test(value) || value === "000000000") return false;
  const digits = [...value].map(Number);
  const sum = digits.reduce((total, digit, index) => total + digit * (index === 8 ? -1 : 9 - index), 0);
  return sum % 11 === 0;
}
