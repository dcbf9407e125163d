import { isAppError } from '../../domain/app-error.ts';
import { gapFrom } from '../gaps.ts';
import type { StepDefinition } from '../step.ts';

/** a. Access — the role was assumed; which identity is used. */
export const accessStep: StepDefinition = {
  key: 'access',
  title: 'Access',
  async run({ reader, scope, roleArn }) {
    const where = { label: 'Account / region', value: `${scope.accountName} (${scope.accountId}) · ${scope.region}` };
    try {
      const identity = await reader.identity();
      const lines = [
        where,
        { label: 'Identity', value: identity.arn },
        {
          label: 'Role',
          value: identity.roleArn
            ? `${identity.roleArn}${identity.externalIdUsed ? ' (with ExternalId)' : ''}`
            : "the app's own credentials",
        },
      ];
      if (identity.sessionName) lines.push({ label: 'Session name (CloudTrail)', value: identity.sessionName });
      return { facts: lines, patch: { identity } };
    } catch (error) {
      const gap = gapFrom('access', roleArn ? 'AssumeRole' : 'GetCallerIdentity', error, roleArn);
      const denied = isAppError(error, 'access-denied');
      return {
        status: 'error',
        facts: [
          where,
          {
            label: 'Problem',
            value: denied
              ? `ssm-why could not assume ${roleArn ?? 'its role'}: check the role's trust policy (principal, ExternalId) — ${gap.message}`
              : gap.message,
          },
        ],
        patch: {},
        gaps: [gap],
        stop: true,
      };
    }
  },
};
