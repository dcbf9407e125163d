// What an AWS fault usually means, for the person who has to fix it: which of trust policy, ExternalId, SCP,
// disabled region, expired credentials, throttling or a missing IAM action is the likely culprit.

/** A failed AWS call in domain words. */
export interface AwsFault {
  /** The IAM action, e.g. `sts:AssumeRole`, `ssm:DescribeAssociation`. */
  action?: string;
  /** The AWS error code, e.g. `AccessDenied`, `RegionDisabledException`, `ThrottlingException`. */
  code?: string;
  kind: 'access-denied' | 'not-found' | 'throttled' | 'timeout' | 'error';
}

/** One sentence: what this fault usually means and where to look. */
export function faultMeaning(fault: AwsFault): string {
  const code = fault.code ?? '';
  if (code === 'RegionDisabledException') {
    return 'STS is not activated for this region in that account (IAM → Account settings → Security Token Service regions), or the region is an opt-in region that is not enabled.';
  }
  if (code === 'UnrecognizedClientException' || code === 'InvalidClientTokenId') {
    return "AWS did not recognise ssm-why's credentials there: usually an opt-in region that is not enabled for the account, or invalid app credentials.";
  }
  if (/^ExpiredToken/.test(code))
    return "ssm-why's own credentials have expired: refresh the credentials the app runs with.";
  if (fault.kind === 'throttled') {
    return 'AWS throttled the calls and the retries ran out: something else is calling the same API heavily; try again in a minute.';
  }
  if (fault.kind === 'timeout') {
    return 'AWS did not answer in time: the endpoint is unreachable from ssm-why (network, proxy, VPC endpoint) or very slow.';
  }
  if (fault.kind === 'access-denied' && fault.action === 'sts:AssumeRole') {
    return "The role's trust policy does not trust the principal ssm-why runs as, the ExternalId in the accounts file does not match the trust policy's sts:ExternalId, the role does not exist, or an SCP or permissions boundary denies sts:AssumeRole.";
  }
  if (fault.kind === 'access-denied') {
    return `The investigator role lacks ${fault.action ?? 'the action'} (add it to the role's policy), or an SCP or permissions boundary denies it.`;
  }
  return '';
}
