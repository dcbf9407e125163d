// §3.8 Document problems: deleted or unshared documents, missing pinned versions, inactive documents, wrong
// type or schema for an association, platform mismatches, and runs that were "green but did nothing".
import type { DocumentFacts, InvestigationFacts, NodeFacts } from '../facts.ts';
import type { Check, Evidence, Finding, Link } from '../finding.ts';
import { cli, consoleLinks } from '../references.ts';
import {
  associationCli,
  associationLinks,
  bareDocumentName,
  cap,
  groupEvidence,
  groupsWith,
  isDocumentArn,
  isOneOf,
  lineMatching,
  logPathsWithOrchestration,
  nodeRefs,
  plural,
  sameToken,
  sampleIds,
  sampleRefs,
  sampleText,
  summaryText,
  uniqueLines,
  uniqueLinks,
} from './kit.ts';

type FoundDocument = Extract<DocumentFacts, { found: true }>;

/** Document types State Manager can associate, and the schema versions each allows (UG documents-schemas-features). */
const ALLOWED_SCHEMAS: Record<string, (schema: string) => boolean> = {
  Command: (s) => ['1.2', '2.0', '2.2'].includes(s),
  Policy: (s) => Number.parseFloat(s) >= 2,
  Automation: (s) => s === '0.3',
};

const SKIPPED_UNSUPPORTED = /Step execution skipped due to (unsupported plugin|unsatisfied preconditions)/i;
const NOT_SUPPORTED_ON_PLATFORM = /is not supported in current platform/i;

function foundDocument(f: InvestigationFacts): FoundDocument | undefined {
  return f.document?.found ? f.document : undefined;
}

/** Links and CLI for the association's document. */
function documentRefs(f: InvestigationFacts, name: string, version?: string) {
  return {
    links: uniqueLinks([consoleLinks.document(f.scope, name), ...associationLinks(f)]),
    cli: uniqueLines([cli.describeDocument(f.scope, name, version), ...associationCli(f)]),
  };
}

function associationDocumentEvidence(f: InvestigationFacts): Evidence[] {
  const a = f.association;
  if (!a) return [];
  const out: Evidence[] = [{ field: 'DescribeAssociation.Name', value: a.documentName }];
  if (a.documentVersion) out.push({ field: 'DescribeAssociation.DocumentVersion', value: a.documentVersion });
  return out;
}

/** InvalidDocument: the document was deleted, or is no longer shared with this account. */
export const documentDeleted: Check = {
  id: 'document.deleted',
  step: 'association',
  applies: (f) => f.document?.found === false,
  run: (f) => {
    const d = f.document;
    if (!d || d.found || !sameToken(d.errorCode, 'InvalidDocument')) return [];
    const shared = isDocumentArn(d.name);
    return [
      {
        id: 'document.deleted',
        severity: 'critical',
        title: `Document ${bareDocumentName(d.name)} does not exist${shared ? ' or is no longer shared' : ''}`,
        summary: shared
          ? 'The association runs a document shared from another account, and DescribeDocument says it does not exist here: it was deleted by its owner or the share was revoked. Every run fails before any step starts.'
          : 'The association runs a document that no longer exists (deleted, or renamed). The agent cannot download it, so every run fails before any step starts.',
        evidence: [
          { field: 'DescribeDocument', value: `${d.errorCode}: ${cap(d.message, 200)}` },
          ...associationDocumentEvidence(f),
        ],
        remediation: shared
          ? [
              'Ask the owning account to share it again: `aws ssm modify-document-permission --name <name> --permission-type Share --account-ids-to-add <this account>` (check with `aws ssm describe-document-permission`).',
              'Or copy the document into this account and point the association at the copy (`aws ssm update-association --name <new name>`).',
            ]
          : [
              'Recreate the document with the same name, or point the association at an existing document: `aws ssm update-association --association-id <id> --name <document>`.',
              'If the association is no longer needed, delete it so it stops failing.',
            ],
        ...documentRefs(f, d.name, d.version),
        step: 'association',
      },
    ];
  },
};

/** InvalidDocumentVersion: the association pins a version that no longer exists. */
export const documentVersionMissing: Check = {
  id: 'document.version-missing',
  step: 'association',
  applies: (f) => f.document?.found === false,
  run: (f) => {
    const d = f.document;
    if (!d || d.found || !sameToken(d.errorCode, 'InvalidDocumentVersion')) return [];
    const version = d.version ?? f.association?.documentVersion ?? '(pinned)';
    return [
      {
        id: 'document.version-missing',
        severity: 'critical',
        title: `Document version ${version} of ${bareDocumentName(d.name)} does not exist`,
        summary:
          'The association pins a document version that was deleted. The agent cannot download it, so every run fails before any step starts.',
        evidence: [
          { field: 'DescribeDocument', value: `${d.errorCode}: ${cap(d.message, 200)}` },
          ...associationDocumentEvidence(f),
        ],
        remediation: [
          `List the versions that exist: \`aws ssm list-document-versions --name ${d.name} --region ${f.scope.region}\`.`,
          'Point the association at an existing version, or at $DEFAULT so it follows the document: `aws ssm update-association --association-id <id> --document-version \\$DEFAULT`.',
        ],
        ...documentRefs(f, d.name),
        step: 'association',
      },
    ];
  },
};

/** The document is not Active (Creating, Updating, Deleting, Failed). */
export const documentNotActive: Check = {
  id: 'document.not-active',
  step: 'association',
  applies: (f) => foundDocument(f) !== undefined,
  run: (f) => {
    const d = foundDocument(f);
    if (!d?.status || sameToken(d.status, 'Active')) return [];
    const transient = isOneOf(d.status, ['Creating', 'Updating']);
    const evidence: Evidence[] = [{ field: 'DescribeDocument.Status', value: d.status }];
    if (d.statusInformation) {
      evidence.push({ field: 'DescribeDocument.StatusInformation', value: cap(d.statusInformation, 240) });
    }
    return [
      {
        id: 'document.not-active',
        severity: transient ? 'warning' : 'error',
        title: `Document ${bareDocumentName(d.name)} is ${d.status}`,
        summary: transient
          ? `The document is still ${d.status}; runs that start now may not find a usable version.`
          : `The document is ${d.status}, so the association cannot run it.${d.statusInformation ? ` AWS says: ${cap(d.statusInformation, 160)}` : ''}`,
        evidence,
        remediation: transient
          ? ['Wait until DescribeDocument.Status is Active, then re-run the association.']
          : [
              'Read StatusInformation (above): for Failed, fix the document content or its attachments/requirements and create a new version.',
              'For Deleting, point the association at another document, or delete the association.',
            ],
        ...documentRefs(f, d.name, d.version),
        step: 'association',
      },
    ];
  },
};

/** A document type State Manager cannot associate (Package, Session, …). */
export const documentTypeUnsupported: Check = {
  id: 'document.type-unsupported',
  step: 'association',
  applies: (f) => foundDocument(f)?.documentType !== undefined,
  run: (f) => {
    const d = foundDocument(f);
    if (!d?.documentType || ALLOWED_SCHEMAS[d.documentType]) return [];
    return [
      {
        id: 'document.type-unsupported',
        severity: 'critical',
        title: `Document type ${d.documentType} cannot be used by an association`,
        summary: `State Manager runs Command, Policy and Automation documents only; ${bareDocumentName(d.name)} is a ${d.documentType} document (e.g. "Document type Package is not supported for associations").`,
        evidence: [
          { field: 'DescribeDocument.DocumentType', value: d.documentType },
          ...associationDocumentEvidence(f),
        ],
        remediation: [
          d.documentType === 'Package'
            ? 'To install a Distributor package on a schedule, associate AWS-ConfigureAWSPackage with Name=<package> instead of the package itself.'
            : 'Associate a Command or Automation document that performs the same work.',
        ],
        ...documentRefs(f, d.name, d.version),
        step: 'association',
      },
    ];
  },
};

/** A schema version the document type does not allow for associations (or Automation schema on a legacy InstanceId association). */
export const documentSchemaUnsupported: Check = {
  id: 'document.schema-unsupported',
  step: 'association',
  applies: (f) => foundDocument(f)?.schemaVersion !== undefined,
  run: (f) => {
    const d = foundDocument(f);
    if (!d?.documentType || !d.schemaVersion) return [];
    const allowed = ALLOWED_SCHEMAS[d.documentType];
    const legacyAutomation = d.documentType === 'Automation' && f.association?.instanceId !== undefined;
    if (!allowed || (allowed(d.schemaVersion) && !legacyAutomation)) return [];
    const evidence: Evidence[] = [
      { field: 'DescribeDocument.DocumentType', value: d.documentType },
      { field: 'DescribeDocument.SchemaVersion', value: d.schemaVersion },
    ];
    if (legacyAutomation && f.association?.instanceId) {
      evidence.push({ field: 'DescribeAssociation.InstanceId', value: f.association.instanceId });
    }
    return [
      {
        id: 'document.schema-unsupported',
        severity: 'error',
        title: legacyAutomation
          ? 'Automation runbook on an InstanceId association'
          : `Schema ${d.schemaVersion} is not valid for a ${d.documentType} document`,
        summary: legacyAutomation
          ? 'Schema 0.3 (Automation) documents cannot be used by an association created with an instance id; they need Targets and AutomationTargetParameterName.'
          : 'Associations accept Command documents with schema 1.2, 2.0 or 2.2, Policy documents with 2.0 or later, and Automation runbooks with 0.3.',
        evidence,
        remediation: legacyAutomation
          ? [
              'Recreate the association with Targets (e.g. Key=ParameterValues or tag:…) and AutomationTargetParameterName=InstanceId.',
            ]
          : [
              'Create a new document version with a supported schemaVersion (2.2 for Command documents) and point the association at it.',
            ],
        ...documentRefs(f, d.name, d.version),
        step: 'association',
      },
    ];
  },
};

/** Managed nodes whose platform the document does not list. */
function mismatchedNodes(f: InvestigationFacts, d: FoundDocument): NodeFacts[] {
  if (d.platformTypes.length === 0 || sameToken(d.documentType, 'Automation')) return [];
  return (f.nodes ?? []).filter(
    (n) => n.managed && n.platformType !== undefined && !d.platformTypes.some((p) => sameToken(n.platformType, p)),
  );
}

/** Output lines saying a plugin is not supported on the node's platform (schema 1.2/2.0 documents fail). */
function unsupportedPlatformLines(f: InvestigationFacts): { evidence: Evidence[]; resources: string[] } {
  const evidence: Evidence[] = [];
  const resources: string[] = [];
  for (const n of f.nodes ?? []) {
    const line = lineMatching(summaryText(n.associationStatus?.executionSummary), NOT_SUPPORTED_ON_PLATFORM);
    if (line) {
      evidence.push({ field: `DescribeInstanceAssociationsStatus(${n.instanceId}).ExecutionSummary`, value: line });
      resources.push(n.instanceId);
    }
  }
  for (const o of f.outputs ?? []) {
    const line = lineMatching(sampleText(o), NOT_SUPPORTED_ON_PLATFORM);
    if (line) {
      evidence.push({ field: 'GetCommandInvocation.StandardErrorContent', value: line });
      resources.push(o.resourceId);
    }
  }
  return { evidence: evidence.slice(0, 3), resources };
}

/** The document's PlatformTypes do not include the node's platform (InvalidPlatform). */
export const documentPlatformMismatch: Check = {
  id: 'document.platform-mismatch',
  step: 'nodes',
  applies: (f) => foundDocument(f) !== undefined || f.latestTargets !== undefined,
  run: (f) => {
    const d = foundDocument(f);
    const nodes = d ? mismatchedNodes(f, d) : [];
    const groups = groupsWith(f, ['InvalidPlatform']);
    const samples = (f.outputs ?? []).filter((o) => sameToken(o.command?.statusDetails, 'InvalidPlatform'));
    if (nodes.length === 0 && groups.length === 0 && samples.length === 0) return [];
    const evidence: Evidence[] = [];
    if (d) evidence.push({ field: 'DescribeDocument.PlatformTypes', value: d.platformTypes.join(', ') || '(none)' });
    const byPlatform = new Map<string, string[]>();
    for (const n of nodes)
      byPlatform.set(n.platformType ?? '?', [...(byPlatform.get(n.platformType ?? '?') ?? []), n.instanceId]);
    for (const [platform, ids] of byPlatform) {
      evidence.push({
        field: 'DescribeInstanceInformation.PlatformType',
        value: `${platform} (${plural(ids.length, 'sampled node')}: ${ids.slice(0, 3).join(', ')})`,
      });
    }
    evidence.push(...groups.map((g) => groupEvidence(g)));
    if (samples.length > 0 && groups.length === 0) {
      evidence.push({ field: 'GetCommandInvocation.StatusDetails', value: 'InvalidPlatform' });
    }
    const failLines = unsupportedPlatformLines(f);
    evidence.push(...failLines.evidence);
    const name = bareDocumentName(d?.name ?? f.association?.documentName);
    const platforms = [...byPlatform.keys()];
    return [
      {
        id: 'document.platform-mismatch',
        severity: 'error',
        title: `Document ${name} does not support ${platforms.length > 0 ? platforms.join('/') : 'the targets’'} platform`,
        summary: `The association targets nodes whose platform the document does not support${d ? ` (the document supports ${d.platformTypes.join(', ') || 'no platform'})` : ''}. Run Command reports InvalidPlatform for them; those targets do not count toward MaxErrors, but if every target is InvalidPlatform the run is Failed.`,
        evidence,
        remediation: [
          'Narrow the association targets to nodes of the supported platform (e.g. add a tag for the OS, or a resource group per platform).',
          'Or use a document that supports both platforms: a schema 2.2 document with a precondition per platform (`"precondition": {"StringEquals": ["platformType", "Windows"]}`), or separate Linux and Windows associations.',
        ],
        ...documentRefs(f, d?.name ?? f.association?.documentName ?? name, d?.version),
        resources: sampleIds([
          ...nodes.map((n) => n.instanceId),
          ...samples.map((s) => s.resourceId),
          ...groups.flatMap((g) => g.group.samples.map((s) => s.resourceId)),
          ...failLines.resources,
        ]),
        step: nodes.length > 0 ? 'nodes' : 'targets',
      },
    ];
  },
};

/** A plugin failed because it is not supported on the node's platform (schema 1.2/2.0), when PlatformTypes do not already explain it. */
export const documentPluginUnsupported: Check = {
  id: 'document.plugin-unsupported-platform',
  step: 'nodes',
  applies: (f) => f.nodes !== undefined || f.outputs !== undefined,
  run: (f) => {
    const d = foundDocument(f);
    if (d && mismatchedNodes(f, d).length > 0) return [];
    const { evidence, resources } = unsupportedPlatformLines(f);
    if (evidence.length === 0) return [];
    const name = bareDocumentName(f.association?.documentName ?? d?.name);
    return [
      {
        id: 'document.plugin-unsupported-platform',
        severity: 'error',
        title: 'A document step is not supported on the node’s platform',
        summary:
          'The agent refused a step because its plugin does not exist on this OS (e.g. aws:runPowerShellScript on Linux). Schema 1.2/2.0 documents fail on it; schema 2.2 documents would skip it.',
        evidence,
        remediation: [
          'Target only nodes of the platform the step is written for, or convert the document to schema 2.2 with a platformType precondition per step.',
        ],
        ...documentRefs(f, f.association?.documentName ?? name, d?.version),
        logPaths: logPathsWithOrchestration(undefined, resources[0], f.association?.associationId),
        resources: sampleIds(resources),
        step: 'nodes',
      },
    ];
  },
};

/** "Green but did nothing": every plugin was skipped, which the agent reports as Success. */
export const documentAllStepsSkipped: Check = {
  id: 'document.all-steps-skipped',
  step: 'nodes',
  applies: (f) => f.nodes !== undefined,
  run: (f) => {
    const skipped = (f.nodes ?? []).filter((n) => {
      const s = n.associationStatus?.executionSummary;
      return s?.plugins !== undefined && s.plugins > 0 && s.skipped === s.plugins && (s.success ?? 0) === 0;
    });
    const first = skipped[0];
    if (!first) return [];
    const summary = first.associationStatus?.executionSummary;
    const evidence: Evidence[] = [];
    if (first.associationStatus?.status) {
      evidence.push({
        field: `DescribeInstanceAssociationsStatus(${first.instanceId}).Status`,
        value: first.associationStatus.status,
      });
    }
    evidence.push({
      field: `DescribeInstanceAssociationsStatus(${first.instanceId}).ExecutionSummary`,
      value: cap(summary?.raw ?? ''),
    });
    if (first.platformType) {
      evidence.push({
        field: `DescribeInstanceInformation(${first.instanceId}).PlatformType`,
        value: first.platformType,
      });
    }
    const reason = skippedReasonLine(f, first);
    if (reason) evidence.push(reason);
    if (skipped.length > 1) {
      evidence.push({
        field: 'DescribeInstanceAssociationsStatus.ExecutionSummary',
        value: `all steps skipped on ${plural(skipped.length, 'sampled node')}`,
      });
    }
    const refs = nodeRefs(f, first.instanceId);
    return [
      {
        id: 'document.all-steps-skipped',
        severity: 'warning',
        title: `Every step was skipped on ${plural(skipped.length, 'node')}: "Success" but nothing ran`,
        summary:
          "The agent counts a skipped step as success, so the association shows Success although no step ran: each step's precondition (usually platformType) or plugin did not match the node.",
        evidence,
        remediation: [
          "Compare the steps' preconditions in the document with the node's platform (above); fix the precondition or target the right nodes.",
          'Read the run\'s output for "Step execution skipped due to …" lines to see why each step was skipped.',
        ],
        links: uniqueLinks([...refs.links, ...associationLinks(f)]),
        cli: uniqueLines([...refs.cli, ...associationCli(f)]),
        logPaths: logPathsWithOrchestration(first.platformType, first.instanceId, f.association?.associationId),
        resources: sampleIds(skipped.map((n) => n.instanceId)),
        step: 'nodes',
      },
    ];
  },
};

function skippedReasonLine(f: InvestigationFacts, node: NodeFacts): Evidence | undefined {
  const fromSummary = lineMatching(summaryText(node.associationStatus?.executionSummary), SKIPPED_UNSUPPORTED);
  if (fromSummary)
    return { field: `DescribeInstanceAssociationsStatus(${node.instanceId}).ExecutionSummary`, value: fromSummary };
  for (const o of f.outputs ?? []) {
    const line = lineMatching(sampleText(o), SKIPPED_UNSUPPORTED);
    if (line) return { field: 'GetCommandInvocation.StandardOutputContent', value: line };
  }
  return undefined;
}

/** Some steps were skipped for an unsupported plugin or an unsatisfied precondition (not all of them). */
export const documentStepSkipped: Check = {
  id: 'document.step-skipped',
  step: 'output',
  applies: (f) => f.nodes !== undefined || f.outputs !== undefined,
  run: (f, t) => {
    if (documentAllStepsSkipped.run(f, t).length > 0) return [];
    const evidence: Evidence[] = [];
    const resources: string[] = [];
    const links: Link[] = [];
    const cliLines: string[] = [];
    for (const n of f.nodes ?? []) {
      const line = lineMatching(summaryText(n.associationStatus?.executionSummary), SKIPPED_UNSUPPORTED);
      if (!line) continue;
      evidence.push({ field: `DescribeInstanceAssociationsStatus(${n.instanceId}).ExecutionSummary`, value: line });
      resources.push(n.instanceId);
    }
    for (const o of f.outputs ?? []) {
      const line = lineMatching(sampleText(o), SKIPPED_UNSUPPORTED);
      if (!line) continue;
      evidence.push({ field: 'GetCommandInvocation.StandardOutputContent', value: line });
      resources.push(o.resourceId);
      const refs = sampleRefs(f, o);
      links.push(...refs.links);
      cliLines.push(...refs.cli);
    }
    if (evidence.length === 0) return [];
    return [
      {
        id: 'document.step-skipped',
        severity: 'warning',
        title: 'Document steps were skipped on the node',
        summary:
          "The agent skipped steps because their plugin is not supported on the node's platform or their precondition did not match. Skipped steps count as success, so the work those steps do did not happen.",
        evidence: evidence.slice(0, 4),
        remediation: [
          'Check that the skipped steps are meant for another platform; if they are meant for this one, fix their precondition (platformType) or the plugin name.',
          'If the agent is old, "unsupported plugin" can also mean the plugin is newer than the agent: update SSM Agent.',
        ],
        links: uniqueLinks([...links, ...associationLinks(f)]),
        cli: uniqueLines([...cliLines, ...associationCli(f)]),
        resources: sampleIds(resources),
        step: 'output',
      },
    ];
  },
};

/** A document shared from another account: State Manager always runs its default version. */
export const documentSharedDefaultVersion: Check = {
  id: 'document.shared-default-version',
  step: 'association',
  applies: (f) => isDocumentArn(f.association?.documentName),
  run: (f) => {
    const a = f.association;
    const d = foundDocument(f);
    if (!a || !d) return [];
    const pinned = a.documentVersion && /^\d+$/.test(a.documentVersion) ? a.documentVersion : undefined;
    const differs = pinned !== undefined && d.defaultVersion !== undefined && pinned !== d.defaultVersion;
    const evidence: Evidence[] = [{ field: 'DescribeAssociation.Name', value: a.documentName }];
    if (a.documentVersion) evidence.push({ field: 'DescribeAssociation.DocumentVersion', value: a.documentVersion });
    if (d.defaultVersion) evidence.push({ field: 'DescribeDocument.DefaultVersion', value: d.defaultVersion });
    if (d.owner) evidence.push({ field: 'DescribeDocument.Owner', value: d.owner });
    const finding: Finding = {
      id: 'document.shared-default-version',
      severity: differs ? 'warning' : 'info',
      title: differs
        ? `Shared document: version ${pinned} is pinned, but the default version ${d.defaultVersion} runs`
        : 'Shared document: State Manager runs its default version',
      summary:
        'For a document shared from another account, State Manager always runs the default version, even when the association names another one and the console shows that version as processed.',
      evidence,
      remediation: [
        'Ask the owning account to set the version you need as the default (`aws ssm update-document-default-version`), or copy the document into this account and pin versions there.',
      ],
      ...documentRefs(f, a.documentName, a.documentVersion),
      step: 'association',
    };
    return [finding];
  },
};

/** §3.8 document checks. */
export const documentChecks: Check[] = [
  documentDeleted,
  documentVersionMissing,
  documentNotActive,
  documentTypeUnsupported,
  documentSchemaUnsupported,
  documentPlatformMismatch,
  documentPluginUnsupported,
  documentAllStepsSkipped,
  documentStepSkipped,
  documentSharedDefaultVersion,
];
