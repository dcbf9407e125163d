import { faultMeaning } from '../../domain/aws-faults.ts';
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
      const kind = gap.kind === 'access-denied' || gap.kind === 'throttled' ? gap.kind : 'error';
      const meaning = faultMeaning({
        action: gap.action ?? (roleArn ? 'sts:AssumeRole' : undefined),
        code: gap.code,
        kind,
      });
      return {
        status: 'error',
        facts: [
          where,
          ...(roleArn ? [{ label: 'Role', value: roleArn }] : []),
          {
            label: 'Problem',
            value: `${gap.operation ?? 'AssumeRole'} failed${gap.code ? ` with ${gap.code}` : ''}: ${gap.message}`,
          },
          ...(meaning ? [{ label: 'Usually means', value: meaning }] : []),
        ],
        patch: {},
        gaps: [gap],
        stop: true,
      };
    }
  },
};
