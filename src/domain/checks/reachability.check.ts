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
    run: (f, t) => {
      const say = t.findings.reachability.associationNotFound;
      const gap = associationGone(f) as FactGap;
      return [
        {
          id: 'association.not-found',
          severity: 'critical',
          title: say.title,
          summary: say.summary(gap.message),
          evidence: [{ field: 'DescribeAssociation', value: 'AssociationDoesNotExist' }],
          remediation: [...say.remediation],
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
    run: (f, t) => {
      const say = t.findings.reachability.roleNotAssumable;
      const gap = roleRefused(f) as FactGap;
      return [
        {
          id: 'access.role-not-assumable',
          severity: 'critical',
          title: say.title(f.scope.accountName, f.scope.accountId),
          summary: say.summary(
            gap.message,
            gap.code,
            faultMeaning(
              { action: 'sts:AssumeRole', kind: 'access-denied', ...(gap.code ? { code: gap.code } : {}) },
              t.lang,
            ),
          ),
          evidence: [{ field: `${gap.operation ?? 'AssumeRole'}`, value: gap.code ?? 'AccessDenied' }],
          remediation: [...say.remediation],
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
    run: (f, t) => {
      const say = t.findings.reachability.permissionMissing;
      const denied = deniedActions(f);
      const actions = [...new Set(denied.map((g) => g.action))];
      return [
        {
          id: 'access.permission-missing',
          severity: 'warning',
          title: say.title(actions.join(', ')),
          summary: say.summary,
          evidence: denied.map((g) => ({ field: g.operation ?? g.action, value: 'AccessDenied' })),
          remediation: [say.addActions(actions.join(', ')), say.rerun],
          links: [consoleLinks.association(f.scope, f.association?.associationId ?? '', t.lang)].filter(
            () => !!f.association,
          ),
          cli: [],
          step: 'diagnosis',
        },
      ];
    },
  },
];
