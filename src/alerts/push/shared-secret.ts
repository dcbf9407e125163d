// The EventBridge API destination's API-key header, compared in constant time: both sides are hashed first,
// so neither the length nor a common prefix of the secret leaks through timing.
import { createHash, timingSafeEqual } from 'node:crypto';

export function secretMatches(presented: string | string[] | undefined, secret: string): boolean {
  if (typeof presented !== 'string' || secret.length === 0) return false;
  const a = createHash('sha256').update(presented, 'utf8').digest();
  const b = createHash('sha256').update(secret, 'utf8').digest();
  return timingSafeEqual(a, b);
}
