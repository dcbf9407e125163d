// What an AWS fault usually means, for the person who has to fix it: which of trust policy, ExternalId, SCP,
// disabled region, expired credentials, throttling or a missing IAM action is the likely culprit.
import { DEFAULT_LANG, type Lang, texts } from '../i18n/index.ts';

/** A failed AWS call in domain words. */
export interface AwsFault {
  /** The IAM action, e.g. `sts:AssumeRole`, `ssm:DescribeAssociation`. */
  action?: string;
  /** The AWS error code, e.g. `AccessDenied`, `RegionDisabledException`, `ThrottlingException`. */
  code?: string;
  kind: 'access-denied' | 'not-found' | 'throttled' | 'timeout' | 'error';
}

/** One sentence: what this fault usually means and where to look, in `lang`. */
export function faultMeaning(fault: AwsFault, lang: Lang = DEFAULT_LANG): string {
  const say = texts(lang).findings.faults;
  const code = fault.code ?? '';
  if (code === 'RegionDisabledException') return say.regionDisabled;
  if (code === 'UnrecognizedClientException' || code === 'InvalidClientTokenId') return say.unrecognizedClient;
  if (/^ExpiredToken/.test(code)) return say.expiredToken;
  if (fault.kind === 'throttled') return say.throttled;
  if (fault.kind === 'timeout') return say.timeout;
  if (fault.kind === 'access-denied' && fault.action === 'sts:AssumeRole') return say.assumeRoleDenied;
  if (fault.kind === 'access-denied') return say.accessDenied(fault.action);
  return '';
}
