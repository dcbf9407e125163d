// §1.3 — error codes the SSM Agent reports before or around running the document.
// InvalidAssoc (document/parameter parse failure) belongs to the parameters check and is left alone here.

import type { Catalog } from '../../i18n/index.ts';
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
} from './kit.ts';

const withErrorCode = (f: InvestigationFacts, code: string): NodeFacts[] =>
  (f.nodes ?? []).filter((n) => n.associationStatus?.errorCode === code);

const rowEvidence = (f: InvestigationFacts, n: NodeFacts, t: Catalog): Evidence[] => {
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
      ? [
          {
            field: `${field}.ExecutionDate`,
            value: `${t.words.dateTime(row.executionAt)} (${t.words.since(f.now, row.executionAt)})`,
          },
        ]
      : []),
  ];
};

interface ErrorCodeCheck {
  id: string;
  code: string;
  severity: (f: InvestigationFacts, nodes: NodeFacts[]) => Severity;
  title: (f: InvestigationFacts, nodes: NodeFacts[], t: Catalog) => string;
  summary: (f: InvestigationFacts, nodes: NodeFacts[], t: Catalog) => string;
  remediation: (f: InvestigationFacts, t: Catalog) => string[];
  extraLinks?: (t: Catalog) => { label: string; url: string }[];
}

const errorCodeCheck = (spec: ErrorCodeCheck): Check => ({
  id: spec.id,
  step: 'nodes',
  applies: (f) => f.nodes !== undefined,
  run: (f, t) => {
    const nodes = withErrorCode(f, spec.code);
    if (nodes.length === 0) return [];
    return [
      finding({
        id: spec.id,
        severity: spec.severity(f, nodes),
        title: spec.title(f, nodes, t),
        summary: spec.summary(f, nodes, t),
        evidence: nodes.slice(0, MAX_PER_RESOURCE_EVIDENCE).flatMap((n) => rowEvidence(f, n, t)),
        remediation: spec.remediation(f, t),
        links: [...nodeLinks(f, nodes, t), ...associationLinks(f, t), ...(spec.extraLinks?.(t) ?? [])],
        cli: nodes.slice(0, MAX_PER_RESOURCE_EVIDENCE).map((n) => cli.instanceAssociations(f.scope, n.instanceId)),
        logPaths: agentLogPaths(commonPlatform(nodes)),
        resources: nodes.map((n) => n.instanceId),
        step: 'nodes',
      }),
    ];
  },
});

const on = (nodes: NodeFacts[], t: Catalog) => t.findings.agentState.on(nodes.length, nodes[0]?.instanceId ?? '');

/** The console and the target status say Success although the agent reported StuckAtInProgress (#584). */
const looksLikeFalseFailure = (f: InvestigationFacts, nodes: NodeFacts[]) =>
  associationSucceeding(f) || nodes.every((n) => n.targetStatus === 'Success');

export const stuckAtInProgress = errorCodeCheck({
  id: 'agent-state.stuck-at-in-progress',
  code: 'StuckAtInProgress',
  severity: (f, nodes) => (looksLikeFalseFailure(f, nodes) ? 'warning' : 'error'),
  title: (_f, nodes, t) => t.findings.agentState.stuck.title(on(nodes, t)),
  summary: (f, nodes, t) =>
    looksLikeFalseFailure(f, nodes) ? t.findings.agentState.stuck.falseFailure : t.findings.agentState.stuck.summary,
  remediation: (f, t) => t.findings.agentState.stuck.remediation(f.association?.associationId ?? '<association-id>'),
  extraLinks: (t) => [
    {
      label: t.findings.agentState.stuck.issueLink,
      url: 'https://github.com/aws/amazon-ssm-agent/issues/584',
    },
  ],
});

export const invalidExpression = errorCodeCheck({
  id: 'agent-state.invalid-expression',
  code: 'InvalidExpression',
  severity: () => 'error',
  title: (_f, nodes, t) => t.findings.agentState.invalidExpression.title(on(nodes, t)),
  summary: (f, _nodes, t) => t.findings.agentState.invalidExpression.summary(f.association?.scheduleExpression),
  remediation: (f, t) => t.findings.agentState.invalidExpression.remediation(f.association?.associationId ?? '<id>'),
});

export const listAssocError = errorCodeCheck({
  id: 'agent-state.list-assoc-error',
  code: 'ListAssocError',
  severity: () => 'error',
  title: (_f, nodes, t) => t.findings.agentState.listAssocError.title(on(nodes, t)),
  summary: (_f, _nodes, t) => t.findings.agentState.listAssocError.summary,
  remediation: (f, t) =>
    t.findings.agentState.listAssocError.remediation(
      cli.describeDocument(f.scope, f.association?.documentName ?? '<document>', f.association?.documentVersion),
    ),
});

export const agentStateChecks: Check[] = [stuckAtInProgress, invalidExpression, listAssocError];
