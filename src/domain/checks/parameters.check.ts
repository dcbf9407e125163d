// §3.9 invalid parameters (association vs document) and the agent's InvalidAssoc parameter errors (§3.8, §3.17).
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
  plural,
  sameToken,
  sampleIds,
  summaryText,
  uniqueLines,
  uniqueLinks,
} from './kit.ts';

function documentRefs(f: InvestigationFacts) {
  const name = f.association?.documentName;
  return {
    links: uniqueLinks([...(name ? [consoleLinks.document(f.scope, name)] : []), ...associationLinks(f)]),
    cli: uniqueLines([
      ...associationCli(f),
      ...(name ? [cli.describeDocument(f.scope, name, f.association?.documentVersion)] : []),
    ]),
  };
}

const UPDATE_PARAMETERS = (f: InvestigationFacts) =>
  `Set the parameters on the association: \`aws ssm update-association --association-id ${f.association?.associationId ?? '<id>'} --parameters '<name>=<value>' --region ${f.scope.region}\` (update-association replaces all parameters: pass every one).`;

/** Required document parameters (no default) that the association does not set. */
export const requiredParameterMissing: Check = {
  id: 'parameters.required-missing',
  step: 'association',
  applies: (f) => f.association !== undefined && f.document?.found === true,
  run: (f) => {
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
        title: `Required parameter${names.length > 1 ? 's' : ''} ${names.join(', ')} not set`,
        summary: `The document requires ${names.join(', ')} (no default value) and the association does not pass ${names.length > 1 ? 'them' : 'it'}. AWS rejects such an association on create/update ("You must specify values for all required parameters"); the document version it runs may have gained the parameter since.`,
        evidence: [
          ...missing.map((p) => ({
            field: `DescribeDocument.Parameters[${p.name}]`,
            value: `required${p.type ? ` ${p.type}` : ''}, no DefaultValue`,
          })),
          {
            field: 'DescribeAssociation.Parameters',
            value: given.size > 0 ? `{${[...given].join(', ')}}` : '{} (none)',
          },
        ],
        remediation: [
          UPDATE_PARAMETERS(f),
          ...(a.documentVersion && /\$(LATEST|DEFAULT)/.test(a.documentVersion)
            ? [
                `The association follows ${a.documentVersion}: pin the document version it was written for if the new version's parameters are not wanted.`,
              ]
            : []),
          ...(d.documentType === 'Automation'
            ? [
                'For Automation runbooks, map the target parameter with AutomationTargetParameterName (e.g. InstanceId) instead of passing it.',
              ]
            : []),
        ],
        ...documentRefs(f),
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
  run: (f) => {
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
        title: `Parameter${extra.length > 1 ? 's' : ''} ${extra.join(', ')} not defined by the document`,
        summary: `The association passes ${extra.join(', ')}, which document ${d.name}${d.version ? ` version ${d.version}` : ''} does not define. You can only supply parameters the document defines: the next update of the association is rejected, and the run may fail to parse (InvalidAssoc). A changed default/latest document version is the usual cause.`,
        evidence: [
          ...extra.map((k) => ({ field: `DescribeAssociation.Parameters.${k}`, value: 'set' })),
          {
            field: 'DescribeDocument.Parameters',
            value: d.parameters.length > 0 ? d.parameters.map((p) => p.name).join(', ') : '(none)',
          },
        ],
        remediation: [
          `Remove the parameter${extra.length > 1 ? 's' : ''} from the association, or pin the document version that defines ${extra.length > 1 ? 'them' : 'it'}.`,
          UPDATE_PARAMETERS(f),
        ],
        ...documentRefs(f),
        step: 'association',
      },
    ];
  },
};

interface InvalidAssocKind {
  id: string;
  pattern: RegExp;
  title: string;
  summary: string;
  remediation: string[];
}

/** The agent's parameter errors (framework/docparser/parameterstore, paramvalidator), most specific first. */
const INVALID_ASSOC_KINDS: InvalidAssocKind[] = [
  {
    id: 'parameters.securestring-reference',
    pattern: /of type SecureString are not supported/i,
    title: 'A {{ssm:…}} reference points at a SecureString parameter',
    summary:
      'The agent resolves {{ssm:name}} references in association parameters, but refuses SecureString parameters there ("Parameters [..] of type SecureString are not supported").',
    remediation: [
      'Store the value as a String parameter if it is not secret, or let the script read the SecureString itself at run time (`aws ssm get-parameter --with-decryption`; the instance profile needs ssm:GetParameter and kms:Decrypt on the key).',
      'Where the document supports it (e.g. aws:downloadContent tokenInfo), use {{ssm-secure:name}} instead.',
    ],
  },
  {
    id: 'parameters.unresolved-reference',
    pattern: /Input contains invalid parameters/i,
    title: 'A {{ssm:…}} parameter reference does not resolve',
    summary:
      'The agent could not resolve a {{ssm:name}} reference in the association parameters ("Input contains invalid parameters"): the Parameter Store parameter is missing, in another region, or the instance profile may not read it.',
    remediation: [
      'Check the referenced parameters exist in this region: `aws ssm get-parameters --names <name>`.',
      "Give the instance profile ssm:GetParameters on them (the agent resolves references with the node's credentials).",
    ],
  },
  {
    id: 'parameters.type-mismatch',
    pattern: /cannot be used as a String/i,
    title: 'A parameter reference has the wrong type',
    summary:
      'A {{ssm:name}} reference points at a parameter whose type cannot be used where the document expects a String (e.g. a StringList).',
    remediation: [
      'Point the reference at a String parameter, or change the document parameter type to match (StringList).',
    ],
  },
  {
    id: 'parameters.validation-failed',
    pattern: /not in the allowed list|pattern is not matching|exceeding the max chars/i,
    title: "A parameter value fails the document's validation",
    summary:
      "A parameter value does not satisfy the document's allowedValues, allowedPattern or maxChars (after {{ssm:…}} references were resolved).",
    remediation: [
      "Compare the value with the parameter's allowedValues/allowedPattern/maxChars in the document and correct it (or the referenced Parameter Store value).",
    ],
  },
  {
    id: 'parameters.invalid-assoc',
    pattern: /./,
    title: 'The agent could not parse the association',
    summary:
      'The agent rejected the association before running any step (ErrorCode InvalidAssoc): the document or its parameters could not be parsed on the node.',
    remediation: [
      'Read the ExecutionSummary text above for the parse error; validate the document content and the association parameters against it.',
      'Check the agent log for "Encountered error while parsing association" for the full error.',
    ],
  },
];

function invalidAssocNodes(f: InvestigationFacts): NodeFacts[] {
  return (f.nodes ?? []).filter((n) => sameToken(n.associationStatus?.errorCode, 'InvalidAssoc'));
}

function classify(node: NodeFacts): { kind: InvalidAssocKind; line: string } {
  const text = summaryText(node.associationStatus?.executionSummary);
  for (const kind of INVALID_ASSOC_KINDS) {
    const line = lineMatching(text, kind.pattern);
    if (line) return { kind, line };
  }
  const fallback = INVALID_ASSOC_KINDS[INVALID_ASSOC_KINDS.length - 1] as InvalidAssocKind;
  return { kind: fallback, line: '(no ExecutionSummary)' };
}

/** ErrorCode InvalidAssoc on the nodes, one finding per kind of parameter error. */
export const invalidAssociationParameters: Check = {
  id: 'parameters.invalid-assoc',
  step: 'nodes',
  applies: (f) => f.nodes !== undefined,
  run: (f) => {
    const byKind = new Map<string, { kind: InvalidAssocKind; line: string; nodes: NodeFacts[] }>();
    for (const node of invalidAssocNodes(f)) {
      const { kind, line } = classify(node);
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
          value: `InvalidAssoc (${plural(nodes.length, 'sampled node')})`,
        },
        { field: `DescribeInstanceAssociationsStatus(${first.instanceId}).ExecutionSummary`, value: cap(line, 240) },
        ...references
          .slice(0, 3)
          .map((r) => ({ field: `DescribeAssociation.Parameters.${r.parameter}`, value: `references ${r.reference}` })),
      ];
      const refs = documentRefs(f);
      return {
        id: kind.id,
        severity: 'error',
        title: kind.title,
        summary: kind.summary,
        evidence,
        remediation: kind.remediation,
        links: uniqueLinks([consoleLinks.node(f.scope, first.instanceId), ...refs.links]),
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
