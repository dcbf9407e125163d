import { faultMeaning } from '../../domain/aws-faults.ts';
import { texts } from '../../i18n/index.ts';
import { gapFrom } from '../gaps.ts';
import type { StepDefinition } from '../step.ts';

/** a. Access — the role was assumed; which identity is used. */
export const accessStep: StepDefinition = {
  key: 'access',
  async run({ reader, scope, roleArn, lang }) {
    const say = texts(lang).thread.facts;
    const where = { label: say.access.where, value: `${scope.accountName} (${scope.accountId}) · ${scope.region}` };
    try {
      const identity = await reader.identity();
      const lines = [
        where,
        { label: say.access.identity, value: identity.arn },
        {
          label: say.access.role,
          value: identity.roleArn
            ? identity.externalIdUsed
              ? say.access.roleWithExternalId(identity.roleArn)
              : identity.roleArn
            : say.access.ownCredentials,
        },
      ];
      if (identity.sessionName) lines.push({ label: say.access.sessionName, value: identity.sessionName });
      return { facts: lines, patch: { identity } };
    } catch (error) {
      const gap = gapFrom('access', roleArn ? 'AssumeRole' : 'GetCallerIdentity', error, { roleArn, lang });
      const kind = gap.kind === 'access-denied' || gap.kind === 'throttled' ? gap.kind : 'error';
      const meaning = faultMeaning(
        {
          action: gap.action ?? (roleArn ? 'sts:AssumeRole' : undefined),
          code: gap.code,
          kind,
        },
        lang,
      );
      return {
        status: 'error',
        facts: [
          where,
          ...(roleArn ? [{ label: say.access.role, value: roleArn }] : []),
          { label: say.problem, value: say.access.failed(gap.operation ?? 'AssumeRole', gap.code, gap.message) },
          ...(meaning ? [{ label: say.access.usuallyMeans, value: meaning }] : []),
        ],
        patch: {},
        gaps: [gap],
        stop: true,
      };
    }
  },
};
