// §3.8 Document problems: deleted or unshared documents, missing pinned versions, inactive documents, wrong
// type or schema for an association, platform mismatches, and runs that were "green but did nothing".

import type { Catalog } from '../../i18n/index.ts';
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
function documentRefs(f: InvestigationFacts, t: Catalog, name: string, version?: string) {
  return {
    links: uniqueLinks([consoleLinks.document(f.scope, name, t.lang), ...associationLinks(f, t)]),
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
  run: (f, t) => {
    const say = t.findings.document.deleted;
    const d = f.document;
    if (!d || d.found || !sameToken(d.errorCode, 'InvalidDocument')) return [];
    const shared = isDocumentArn(d.name);
    return [
      {
        id: 'document.deleted',
        severity: 'critical',
        title: say.title(bareDocumentName(d.name), shared),
        summary: shared ? say.sharedSummary : say.summary,
        evidence: [
          { field: 'DescribeDocument', value: `${d.errorCode}: ${cap(d.message, 200)}` },
          ...associationDocumentEvidence(f),
        ],
        remediation: [...(shared ? say.sharedRemediation : say.remediation)],
        ...documentRefs(f, t, d.name, d.version),
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
  run: (f, t) => {
    const say = t.findings.document.versionMissing;
    const d = f.document;
    if (!d || d.found || !sameToken(d.errorCode, 'InvalidDocumentVersion')) return [];
    const version = d.version ?? f.association?.documentVersion ?? say.pinned;
    return [
      {
        id: 'document.version-missing',
        severity: 'critical',
        title: say.title(version, bareDocumentName(d.name)),
        summary: say.summary,
        evidence: [
          { field: 'DescribeDocument', value: `${d.errorCode}: ${cap(d.message, 200)}` },
          ...associationDocumentEvidence(f),
        ],
        remediation: [
          say.listVersions(`aws ssm list-document-versions --name ${d.name} --region ${f.scope.region}`),
          say.pointAtVersion,
        ],
        ...documentRefs(f, t, d.name),
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
  run: (f, t) => {
    const say = t.findings.document.notActive;
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
        title: say.title(bareDocumentName(d.name), d.status),
        summary: transient
          ? say.transientSummary(d.status)
          : say.summary(d.status, d.statusInformation ? cap(d.statusInformation, 160) : undefined),
        evidence,
        remediation: [...(transient ? say.transientRemediation : say.remediation)],
        ...documentRefs(f, t, d.name, d.version),
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
  run: (f, t) => {
    const say = t.findings.document.typeUnsupported;
    const d = foundDocument(f);
    if (!d?.documentType || ALLOWED_SCHEMAS[d.documentType]) return [];
    return [
      {
        id: 'document.type-unsupported',
        severity: 'critical',
        title: say.title(d.documentType),
        summary: say.summary(bareDocumentName(d.name), d.documentType),
        evidence: [
          { field: 'DescribeDocument.DocumentType', value: d.documentType },
          ...associationDocumentEvidence(f),
        ],
        remediation: [d.documentType === 'Package' ? say.package : say.other],
        ...documentRefs(f, t, d.name, d.version),
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
  run: (f, t) => {
    const say = t.findings.document.schemaUnsupported;
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
        title: legacyAutomation ? say.legacyTitle : say.title(d.schemaVersion, d.documentType),
        summary: legacyAutomation ? say.legacySummary : say.summary,
        evidence,
        remediation: [legacyAutomation ? say.legacyFix : say.fix],
        ...documentRefs(f, t, d.name, d.version),
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
  run: (f, t) => {
    const say = t.findings.document.platformMismatch;
    const d = foundDocument(f);
    const nodes = d ? mismatchedNodes(f, d) : [];
    const groups = groupsWith(f, ['InvalidPlatform']);
    const samples = (f.outputs ?? []).filter((o) => sameToken(o.command?.statusDetails, 'InvalidPlatform'));
    if (nodes.length === 0 && groups.length === 0 && samples.length === 0) return [];
    const evidence: Evidence[] = [];
    if (d) evidence.push({ field: 'DescribeDocument.PlatformTypes', value: d.platformTypes.join(', ') || say.none });
    const byPlatform = new Map<string, string[]>();
    for (const n of nodes)
      byPlatform.set(n.platformType ?? '?', [...(byPlatform.get(n.platformType ?? '?') ?? []), n.instanceId]);
    for (const [platform, ids] of byPlatform) {
      evidence.push({
        field: 'DescribeInstanceInformation.PlatformType',
        value: say.platformValue(platform, ids.length, ids.slice(0, 3).join(', ')),
      });
    }
    evidence.push(...groups.map((g) => groupEvidence(g, t)));
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
        title: say.title(name, platforms.length > 0 ? platforms.join('/') : undefined),
        summary: say.summary(d ? d.platformTypes.join(', ') : undefined),
        evidence,
        remediation: [...say.remediation],
        ...documentRefs(f, t, d?.name ?? f.association?.documentName ?? name, d?.version),
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
  run: (f, t) => {
    const say = t.findings.document.pluginUnsupported;
    const d = foundDocument(f);
    if (d && mismatchedNodes(f, d).length > 0) return [];
    const { evidence, resources } = unsupportedPlatformLines(f);
    if (evidence.length === 0) return [];
    const name = bareDocumentName(f.association?.documentName ?? d?.name);
    return [
      {
        id: 'document.plugin-unsupported-platform',
        severity: 'error',
        title: say.title,
        summary: say.summary,
        evidence,
        remediation: [...say.remediation],
        ...documentRefs(f, t, f.association?.documentName ?? name, d?.version),
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
  run: (f, t) => {
    const say = t.findings.document.allSkipped;
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
        value: say.value(skipped.length),
      });
    }
    const refs = nodeRefs(f, first.instanceId, t);
    return [
      {
        id: 'document.all-steps-skipped',
        severity: 'warning',
        title: say.title(skipped.length),
        summary: say.summary,
        evidence,
        remediation: [...say.remediation],
        links: uniqueLinks([...refs.links, ...associationLinks(f, t)]),
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
    const say = t.findings.document.stepSkipped;
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
      const refs = sampleRefs(f, o, t);
      links.push(...refs.links);
      cliLines.push(...refs.cli);
    }
    if (evidence.length === 0) return [];
    return [
      {
        id: 'document.step-skipped',
        severity: 'warning',
        title: say.title,
        summary: say.summary,
        evidence: evidence.slice(0, 4),
        remediation: [...say.remediation],
        links: uniqueLinks([...links, ...associationLinks(f, t)]),
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
  run: (f, t) => {
    const say = t.findings.document.sharedDefault;
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
      title: differs ? say.pinnedTitle(`${pinned}`, `${d.defaultVersion}`) : say.title,
      summary: say.summary,
      evidence,
      remediation: [say.fix],
      ...documentRefs(f, t, a.documentName, a.documentVersion),
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
