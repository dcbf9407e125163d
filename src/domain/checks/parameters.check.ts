// §3.9 invalid parameters (association vs document) and the agent's InvalidAssoc parameter errors (§3.8, §3.17).

import type { Catalog, FindingsCatalog } from '../../i18n/index.ts';
import type { InvestigationFacts, NodeFacts } from '../facts.ts';
import type { Check, Evidence, Finding, Severity } from '../finding.ts';
import { cli, consoleLinks } from '../references.ts';
import {
  associationCli,
  associationLinks,
  cap,
  lineMatching,
  logPathsWithOrchestration,
  parameterReferences,
  sameToken,
  sampleIds,
  summaryText,
  uniqueLines,
  uniqueLinks,
} from './kit.ts';

function documentRefs(f: InvestigationFacts, t: Catalog) {
  const name = f.association?.documentName;
  return {
    links: uniqueLinks([...(name ? [consoleLinks.document(f.scope, name, t.lang)] : []), ...associationLinks(f, t)]),
    cli: uniqueLines([
      ...associationCli(f),
      ...(name ? [cli.describeDocument(f.scope, name, f.association?.documentVersion)] : []),
    ]),
  };
}

const UPDATE_PARAMETERS = (f: InvestigationFacts, t: Catalog) =>
  t.findings.parameters.update(
    `aws ssm update-association --association-id ${f.association?.associationId ?? '<id>'} --parameters '<name>=<value>' --region ${f.scope.region}`,
  );

/** Required document parameters (no default) that the association does not set. */
export const requiredParameterMissing: Check = {
  id: 'parameters.required-missing',
  step: 'association',
  applies: (f) => f.association !== undefined && f.document?.found === true,
  run: (f, t) => {
    const say = t.findings.parameters.requiredMissing;
    const a = f.association;
    const d = f.document;
    if (!a || !d?.found) return [];
    const given = new Set(Object.keys(a.parameters));
    const missing = d.parameters.filter(
      (p) => !p.hasDefault && !given.has(p.name) && p.name !== a.automationTargetParameterName,
    );
    if (missing.length === 0) return [];
    const names = missing.map((p) => p.name);
    return [
      {
        id: 'parameters.required-missing',
        severity: 'error',
        title: say.title(names),
        summary: say.summary(names),
        evidence: [
          ...missing.map((p) => ({
            field: `DescribeDocument.Parameters[${p.name}]`,
            value: say.requiredValue(p.type),
          })),
          {
            field: 'DescribeAssociation.Parameters',
            value: given.size > 0 ? `{${[...given].join(', ')}}` : say.noneValue,
          },
        ],
        remediation: [
          UPDATE_PARAMETERS(f, t),
          ...(a.documentVersion && /\$(LATEST|DEFAULT)/.test(a.documentVersion)
            ? [say.pinVersion(a.documentVersion)]
            : []),
          ...(d.documentType === 'Automation' ? [say.automationTarget] : []),
        ],
        ...documentRefs(f, t),
        step: 'association',
      },
    ];
  },
};

/** Association parameters the document does not define. */
export const undefinedParameter: Check = {
  id: 'parameters.undefined',
  step: 'association',
  applies: (f) => f.association !== undefined && f.document?.found === true,
  run: (f, t) => {
    const say = t.findings.parameters.undefined;
    const a = f.association;
    const d = f.document;
    if (!a || !d?.found) return [];
    const defined = new Set(d.parameters.map((p) => p.name));
    const extra = Object.keys(a.parameters).filter((k) => !defined.has(k));
    if (extra.length === 0) return [];
    const severity: Severity = sameToken(a.status, 'Failed') ? 'error' : 'warning';
    return [
      {
        id: 'parameters.undefined',
        severity,
        title: say.title(extra),
        summary: say.summary(extra, d.name, d.version),
        evidence: [
          ...extra.map((k) => ({ field: `DescribeAssociation.Parameters.${k}`, value: say.setValue })),
          {
            field: 'DescribeDocument.Parameters',
            value: d.parameters.length > 0 ? d.parameters.map((p) => p.name).join(', ') : say.noneValue,
          },
        ],
        remediation: [say.remove(extra.length), UPDATE_PARAMETERS(f, t)],
        ...documentRefs(f, t),
        step: 'association',
      },
    ];
  },
};

interface InvalidAssocKind {
  id: string;
  pattern: RegExp;
  /** Its title, summary and fixes in the catalog. */
  text: keyof FindingsCatalog['parameters']['invalidAssoc'];
}

/** The agent's parameter errors (framework/docparser/parameterstore, paramvalidator), most specific first. */
const INVALID_ASSOC_KINDS: InvalidAssocKind[] = [
  {
    id: 'parameters.securestring-reference',
    pattern: /of type SecureString are not supported/i,
    text: 'securestringReference',
  },
  { id: 'parameters.unresolved-reference', pattern: /Input contains invalid parameters/i, text: 'unresolvedReference' },
  { id: 'parameters.type-mismatch', pattern: /cannot be used as a String/i, text: 'typeMismatch' },
  {
    id: 'parameters.validation-failed',
    pattern: /not in the allowed list|pattern is not matching|exceeding the max chars/i,
    text: 'validationFailed',
  },
  { id: 'parameters.invalid-assoc', pattern: /./, text: 'invalidAssoc' },
];

function invalidAssocNodes(f: InvestigationFacts): NodeFacts[] {
  return (f.nodes ?? []).filter((n) => sameToken(n.associationStatus?.errorCode, 'InvalidAssoc'));
}

function classify(node: NodeFacts, t: Catalog): { kind: InvalidAssocKind; line: string } {
  const text = summaryText(node.associationStatus?.executionSummary);
  for (const kind of INVALID_ASSOC_KINDS) {
    const line = lineMatching(text, kind.pattern);
    if (line) return { kind, line };
  }
  const fallback = INVALID_ASSOC_KINDS[INVALID_ASSOC_KINDS.length - 1] as InvalidAssocKind;
  return { kind: fallback, line: t.findings.parameters.noExecutionSummary };
}

/** ErrorCode InvalidAssoc on the nodes, one finding per kind of parameter error. */
export const invalidAssociationParameters: Check = {
  id: 'parameters.invalid-assoc',
  step: 'nodes',
  applies: (f) => f.nodes !== undefined,
  run: (f, t) => {
    const say = t.findings.parameters;
    const byKind = new Map<string, { kind: InvalidAssocKind; line: string; nodes: NodeFacts[] }>();
    for (const node of invalidAssocNodes(f)) {
      const { kind, line } = classify(node, t);
      const entry = byKind.get(kind.id) ?? { kind, line, nodes: [] };
      entry.nodes.push(node);
      byKind.set(kind.id, entry);
    }
    const references = parameterReferences(f.association?.parameters ?? {});
    return [...byKind.values()].map(({ kind, line, nodes }): Finding => {
      const first = nodes[0] as NodeFacts;
      const evidence: Evidence[] = [
        {
          field: 'DescribeInstanceAssociationsStatus.ErrorCode',
          value: say.invalidAssocValue(nodes.length),
        },
        { field: `DescribeInstanceAssociationsStatus(${first.instanceId}).ExecutionSummary`, value: cap(line, 240) },
        ...references
          .slice(0, 3)
          .map((r) => ({ field: `DescribeAssociation.Parameters.${r.parameter}`, value: say.references(r.reference) })),
      ];
      const refs = documentRefs(f, t);
      const text = say.invalidAssoc[kind.text];
      return {
        id: kind.id,
        severity: 'error',
        title: text.title,
        summary: text.summary,
        evidence,
        remediation: [...text.remediation],
        links: uniqueLinks([consoleLinks.node(f.scope, first.instanceId, t.lang), ...refs.links]),
        cli: uniqueLines([cli.instanceAssociations(f.scope, first.instanceId), ...refs.cli]),
        logPaths: logPathsWithOrchestration(first.platformType, first.instanceId, f.association?.associationId),
        resources: sampleIds(nodes.map((n) => n.instanceId)),
        step: 'nodes',
      };
    });
  },
};

/** §3.9 / §3.8 InvalidAssoc / §3.17 parameter checks. */
export const parameterChecks: Check[] = [requiredParameterMissing, undefinedParameter, invalidAssociationParameters];
