// §1.3 — error codes the SSM Agent reports before or around running the document.
// InvalidAssoc (document/parameter parse failure) belongs to the parameters check and is left alone here.
import type { InvestigationFacts, NodeFacts } from '../facts.ts';
import type { Check, Evidence, Severity } from '../finding.ts';
import { agentLogPaths, cli } from '../references.ts';
import {
  associationLinks,
  associationSucceeding,
  clip,
  commonPlatform,
  finding,
  MAX_PER_RESOURCE_EVIDENCE,
  nodeLinks,
  since,
  utc,
} from './kit.ts';

const withErrorCode = (f: InvestigationFacts, code: string): NodeFacts[] =>
  (f.nodes ?? []).filter((n) => n.associationStatus?.errorCode === code);

const rowEvidence = (f: InvestigationFacts, n: NodeFacts): Evidence[] => {
  const row = n.associationStatus;
  if (!row) return [];
  const field = `DescribeInstanceAssociationsStatus(${n.instanceId})`;
  return [
    { field: `${field}.ErrorCode`, value: `${row.errorCode}` },
    ...(row.status ? [{ field: `${field}.Status`, value: row.status }] : []),
    ...(row.executionSummary?.raw
      ? [{ field: `${field}.ExecutionSummary`, value: clip(row.executionSummary.raw.trim(), 240) }]
      : []),
    ...(row.executionAt
      ? [{ field: `${field}.ExecutionDate`, value: `${utc(row.executionAt)} (${since(f.now, row.executionAt)})` }]
      : []),
  ];
};

interface ErrorCodeCheck {
  id: string;
  code: string;
  severity: (f: InvestigationFacts, nodes: NodeFacts[]) => Severity;
  title: (f: InvestigationFacts, nodes: NodeFacts[]) => string;
  summary: (f: InvestigationFacts, nodes: NodeFacts[]) => string;
  remediation: (f: InvestigationFacts) => string[];
  extraLinks?: { label: string; url: string }[];
}

const errorCodeCheck = (spec: ErrorCodeCheck): Check => ({
  id: spec.id,
  step: 'nodes',
  applies: (f) => f.nodes !== undefined,
  run: (f) => {
    const nodes = withErrorCode(f, spec.code);
    if (nodes.length === 0) return [];
    return [
      finding({
        id: spec.id,
        severity: spec.severity(f, nodes),
        title: spec.title(f, nodes),
        summary: spec.summary(f, nodes),
        evidence: nodes.slice(0, MAX_PER_RESOURCE_EVIDENCE).flatMap((n) => rowEvidence(f, n)),
        remediation: spec.remediation(f),
        links: [...nodeLinks(f, nodes), ...associationLinks(f), ...(spec.extraLinks ?? [])],
        cli: nodes.slice(0, MAX_PER_RESOURCE_EVIDENCE).map((n) => cli.instanceAssociations(f.scope, n.instanceId)),
        logPaths: agentLogPaths(commonPlatform(nodes)),
        resources: nodes.map((n) => n.instanceId),
        step: 'nodes',
      }),
    ];
  },
});

const on = (nodes: NodeFacts[]) => (nodes.length === 1 ? `on ${nodes[0]?.instanceId}` : `on ${nodes.length} nodes`);

/** The console and the target status say Success although the agent reported StuckAtInProgress (#584). */
const looksLikeFalseFailure = (f: InvestigationFacts, nodes: NodeFacts[]) =>
  associationSucceeding(f) || nodes.every((n) => n.targetStatus === 'Success');

export const stuckAtInProgress = errorCodeCheck({
  id: 'agent-state.stuck-at-in-progress',
  code: 'StuckAtInProgress',
  severity: (f, nodes) => (looksLikeFalseFailure(f, nodes) ? 'warning' : 'error'),
  title: (_f, nodes) => `The agent reported the association stuck InProgress for over 2 hours ${on(nodes)}`,
  summary: (f, nodes) =>
    looksLikeFalseFailure(f, nodes)
      ? 'The agent flagged a run still InProgress 2 hours after it started, but the association and its targets show Success: this is likely the known false "Failed" (aws/amazon-ssm-agent#584) — confirm the document actually finished.'
      : 'The agent marks an association Failed when it is still InProgress 2 hours after its last execution: the document hung (a script waiting for input, a reboot loop, a lock) or the agent lost track of it.',
  remediation: (f) => [
    `Look at what the run is doing on the node: the orchestration folder /var/lib/amazon/ssm/<instance-id>/document/orchestration/${f.association?.associationId ?? '<association-id>'}/ (Windows: C:\\ProgramData\\Amazon\\SSM\\InstanceData\\<instance-id>\\document\\orchestration\\).`,
    'Make scripts non-interactive and bounded (timeoutSeconds); a script exiting 194 (Linux) or 3010 (Windows) asks for a reboot and can loop.',
    'Restart the agent if nothing is running, then run the association again.',
    'If the console shows Success and only events/status say Failed, it is the false failure of aws/amazon-ssm-agent#584.',
  ],
  extraLinks: [
    {
      label: 'aws/amazon-ssm-agent#584 (false StuckAtInProgress)',
      url: 'https://github.com/aws/amazon-ssm-agent/issues/584',
    },
  ],
});

export const invalidExpression = errorCodeCheck({
  id: 'agent-state.invalid-expression',
  code: 'InvalidExpression',
  severity: () => 'error',
  title: (_f, nodes) => `The agent could not parse the schedule expression ${on(nodes)}`,
  summary: (f) =>
    `The agent parses the schedule on the node and reported Failed / InvalidExpression for ${f.association?.scheduleExpression ?? 'the schedule'}; the association never runs there.`,
  remediation: (f) => [
    'Fix the schedule: cron with ? in one day field, no month, at most every 5 minutes; or rate(N minutes|hours|days) between 30 minutes and 31 days.',
    'Old agents may not understand newer expressions (offsets, L, #): update the SSM Agent.',
    `In the agent log look for \`Encountered error while parsing expression for association ${f.association?.associationId ?? '<id>'}\`.`,
  ],
});

export const listAssocError = errorCodeCheck({
  id: 'agent-state.list-assoc-error',
  code: 'ListAssocError',
  severity: () => 'error',
  title: (_f, nodes) => `The agent could not load the association's document ${on(nodes)}`,
  summary: () =>
    'The agent reported Failed / ListAssocError: GetDocument failed on the node, so the document never ran. The document is gone, no longer shared, its pinned version was deleted, or the node lacks permission or network to fetch it.',
  remediation: (f) => [
    `Check the document still exists and is shared with this account: \`${cli.describeDocument(f.scope, f.association?.documentName ?? '<document>', f.association?.documentVersion)}\`.`,
    'Make sure the node credentials allow ssm:GetDocument and ssm:DescribeDocument (AmazonSSMManagedInstanceCore).',
    'In the agent log look for `Encountered error while loading association … contents` and the error after it.',
  ],
});

export const agentStateChecks: Check[] = [stuckAtInProgress, invalidExpression, listAssocError];
