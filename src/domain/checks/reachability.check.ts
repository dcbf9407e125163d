// Problems of the investigation itself: the association is gone, or ssm-why's role cannot see enough.
import { faultMeaning } from '../aws-faults.ts';
import type { FactGap, InvestigationFacts } from '../facts.ts';
import type { Check, Finding } from '../finding.ts';
import { cli, consoleLinks } from '../references.ts';

const associationGone = (f: InvestigationFacts) =>
  f.gaps.find((g) => g.kind === 'not-found' && g.operation === 'DescribeAssociation');
const roleRefused = (f: InvestigationFacts) => f.gaps.find((g) => g.step === 'access' && g.kind === 'access-denied');
const deniedActions = (f: InvestigationFacts) =>
  f.gaps.filter(
    (g): g is FactGap & { action: string } => g.kind === 'access-denied' && g.step !== 'access' && !!g.action,
  );

export const reachabilityChecks: Check[] = [
  {
    id: 'association.not-found',
    step: 'association',
    applies: (f) => associationGone(f) !== undefined,
    run: (f) => {
      const gap = associationGone(f) as FactGap;
      return [
        {
          id: 'association.not-found',
          severity: 'critical',
          title: 'The association does not exist in this account and region',
          summary: gap.message,
          evidence: [{ field: 'DescribeAssociation', value: 'AssociationDoesNotExist' }],
          remediation: [
            'Check the association id (copy it from the State Manager console).',
            'Associations are regional: run `/ssm-why <id> region <region>` with the region it was created in.',
            'If it lives in another account, add that account to the accounts file and pass `account <name>`.',
          ],
          links: [],
          cli: [cli.describeAssociation(f.scope, gap.message.match(/[0-9a-f-]{36}/)?.[0] ?? '<association-id>')],
          step: 'association',
        } satisfies Finding,
      ];
    },
  },
  {
    id: 'access.role-not-assumable',
    step: 'access',
    applies: (f) => roleRefused(f) !== undefined,
    run: (f) => {
      const gap = roleRefused(f) as FactGap;
      return [
        {
          id: 'access.role-not-assumable',
          severity: 'critical',
          title: `ssm-why could not assume its investigator role in ${f.scope.accountName} (${f.scope.accountId})`,
          summary: `${gap.message}${gap.code ? ` (${gap.code})` : ''}. Nothing in the account could be read. ${faultMeaning({ action: 'sts:AssumeRole', kind: 'access-denied', ...(gap.code ? { code: gap.code } : {}) })}`,
          evidence: [{ field: `${gap.operation ?? 'AssumeRole'}`, value: gap.code ?? 'AccessDenied' }],
          remediation: [
            "Check the role's trust policy: it must trust the principal ssm-why runs as.",
            'If the accounts file sets an externalId, the trust policy must require the same sts:ExternalId.',
            'Check that the roleArn in the accounts file is right and the role exists.',
          ],
          links: [],
          cli: [],
          step: 'access',
        },
      ];
    },
  },
  {
    id: 'access.permission-missing',
    step: 'diagnosis',
    applies: (f) => deniedActions(f).length > 0,
    run: (f) => {
      const denied = deniedActions(f);
      const actions = [...new Set(denied.map((g) => g.action))];
      return [
        {
          id: 'access.permission-missing',
          severity: 'warning',
          title: `The investigation is incomplete: ssm-why's role lacks ${actions.join(', ')}`,
          summary: 'Some steps could not read what they needed, so a cause may be missing from this verdict.',
          evidence: denied.map((g) => ({ field: g.operation ?? g.action, value: 'AccessDenied' })),
          remediation: [
            `Add ${actions.join(', ')} to the investigator role's policy (see the README's least-privilege policy).`,
            'Then press Re-run.',
          ],
          links: [consoleLinks.association(f.scope, f.association?.associationId ?? '')].filter(() => !!f.association),
          cli: [],
          step: 'diagnosis',
        },
      ];
    },
  },
];
