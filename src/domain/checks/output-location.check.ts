// §3.11 S3 output location: upload failures never fail the run — the agent only logs them — so an
// association with OutputLocation.S3Location is a standing risk, and a fault when the output is missing.

import type { Catalog } from '../../i18n/index.ts';
import type { InvestigationFacts } from '../facts.ts';
import type { Check, Evidence, Finding, LogPaths } from '../finding.ts';
import { agentLogPaths } from '../references.ts';
import {
  associationCli,
  associationLinks,
  isOneOf,
  lineMatching,
  sampleIds,
  sampleText,
  summaryText,
  uniqueLines,
} from './kit.ts';

/** An S3 error the agent or a script printed: a missing bucket, or access denied on S3. */
const S3_ERROR =
  /Failed to upload the output to s3|Failed uploading .* to s3:\/\/|NoSuchBucket|The specified bucket does not exist|(AccessDenied|Access Denied).*\bs3\b|\bs3\b.*(AccessDenied|Access Denied)/i;
const COMPLETED = ['Success', 'Failed', 'TimedOut'];

function s3Location(f: InvestigationFacts) {
  const s3 = f.association?.outputS3;
  return s3?.bucketName ? { ...s3, bucketName: s3.bucketName } : undefined;
}

function locationEvidence(f: InvestigationFacts, t: Catalog): Evidence[] {
  const s3 = s3Location(f);
  if (!s3) return [];
  const out: Evidence[] = [
    { field: 'DescribeAssociation.OutputLocation.S3Location.OutputS3BucketName', value: s3.bucketName },
  ];
  if (s3.keyPrefix)
    out.push({ field: 'DescribeAssociation.OutputLocation.S3Location.OutputS3KeyPrefix', value: s3.keyPrefix });
  if (s3.region) {
    out.push({
      field: 'DescribeAssociation.OutputLocation.S3Location.OutputS3Region',
      value: s3.region === f.scope.region ? s3.region : t.findings.output.otherRegion(s3.region, f.scope.region),
    });
  }
  return out;
}

/** Lines that show an S3 error, from node summaries and command output. */
interface Signal {
  evidence: Evidence[];
  resources: string[];
  /** True when command output (the 'output' step) showed it. */
  fromOutput: boolean;
}

function s3Errors(f: InvestigationFacts): Signal {
  const evidence: Evidence[] = [];
  const resources: string[] = [];
  let fromOutput = false;
  for (const n of f.nodes ?? []) {
    const line = lineMatching(summaryText(n.associationStatus?.executionSummary), S3_ERROR);
    if (!line) continue;
    evidence.push({ field: `DescribeInstanceAssociationsStatus(${n.instanceId}).ExecutionSummary`, value: line });
    resources.push(n.instanceId);
  }
  for (const o of f.outputs ?? []) {
    const line = lineMatching(sampleText(o), S3_ERROR);
    if (!line) continue;
    evidence.push({ field: 'GetCommandInvocation.StandardErrorContent', value: line });
    resources.push(o.resourceId);
    fromOutput = true;
  }
  return { evidence: evidence.slice(0, 3), resources, fromOutput };
}

/** Completed runs on nodes (or command invocations) that have no output URL although S3 output is configured. */
function missingOutput(f: InvestigationFacts, t: Catalog): Signal {
  const nodes = (f.nodes ?? []).filter(
    (n) =>
      n.associationStatus !== undefined &&
      isOneOf(n.associationStatus.status, COMPLETED) &&
      !n.associationStatus.outputUrl,
  );
  const invocations = (f.outputs ?? []).filter(
    (o) =>
      o.command !== undefined && isOneOf(o.command.status, COMPLETED) && !o.command.stdoutUrl && !o.command.stderrUrl,
  );
  const evidence: Evidence[] = [];
  const firstNode = nodes[0];
  if (firstNode) {
    evidence.push({
      field: 'DescribeInstanceAssociationsStatus.OutputUrl.S3OutputUrl.OutputUrl',
      value: t.findings.output.emptyOnNodes(
        nodes.length,
        firstNode.instanceId,
        `${firstNode.associationStatus?.status}`,
      ),
    });
  }
  const firstInvocation = invocations[0];
  if (firstInvocation) {
    evidence.push({
      field: 'GetCommandInvocation.StandardOutputUrl',
      value: t.findings.output.emptyOnInvocations(invocations.length, firstInvocation.resourceId),
    });
  }
  return {
    evidence,
    resources: [...nodes.map((n) => n.instanceId), ...invocations.map((o) => o.resourceId)],
    fromOutput: invocations.length > 0,
  };
}

function remediation(f: InvestigationFacts, t: Catalog): string[] {
  const s3 = s3Location(f);
  const bucket = s3?.bucketName ?? '<bucket>';
  const prefix = s3?.keyPrefix ? `${s3.keyPrefix.replace(/\/$/, '')}/` : '';
  return t.findings.output.remediation(bucket, prefix);
}

function logPaths(): LogPaths[] {
  return agentLogPaths(undefined);
}

function s3Cli(f: InvestigationFacts): string[] {
  const s3 = s3Location(f);
  if (!s3) return associationCli(f);
  const prefix = s3.keyPrefix ? `${s3.keyPrefix.replace(/\/$/, '')}/` : '';
  return uniqueLines([
    `aws s3 ls s3://${s3.bucketName}/${prefix} --region ${s3.region ?? f.scope.region}`,
    ...associationCli(f),
  ]);
}

/** S3 output configured and evidence that output did not arrive: an error. Otherwise a standing warning. */
export const outputLocationS3: Check = {
  id: 'output.s3-location',
  step: 'output',
  applies: (f) => s3Location(f) !== undefined,
  run: (f, t) => {
    const say = t.findings.output;
    const s3 = s3Location(f);
    if (!s3) return [];
    const errors = s3Errors(f);
    const missing = missingOutput(f, t);
    const regionDiffers = s3.region !== undefined && s3.region !== f.scope.region;
    const base = {
      remediation: remediation(f, t),
      links: associationLinks(f, t),
      cli: s3Cli(f),
      logPaths: logPaths(),
    };
    let finding: Finding;
    if (errors.evidence.length > 0) {
      finding = {
        id: 'output.s3-upload-failed',
        severity: 'error',
        title: say.uploadFailed.title(s3.bucketName),
        summary: say.uploadFailed.summary,
        evidence: [...errors.evidence, ...missing.evidence, ...locationEvidence(f, t)],
        ...base,
        resources: sampleIds([...errors.resources, ...missing.resources]),
        step: errors.fromOutput ? 'output' : 'nodes',
      };
    } else if (missing.evidence.length > 0) {
      // A missing URL is weaker than an S3 error: the agent may not report one at all, so it stays a warning.
      finding = {
        id: 'output.s3-output-missing',
        severity: 'warning',
        title: say.missing.title(s3.bucketName),
        summary: say.missing.summary,
        evidence: [...missing.evidence, ...locationEvidence(f, t)],
        ...base,
        resources: sampleIds(missing.resources),
        step: missing.fromOutput ? 'output' : 'nodes',
      };
    } else {
      finding = {
        id: 'output.s3-upload-unverified',
        // A caution only — it must not turn a healthy verdict into a warning — unless the bucket is in another Region.
        severity: regionDiffers ? 'warning' : 'info',
        title: say.unverified.title(s3.bucketName),
        summary: say.unverified.summary(
          regionDiffers ? { bucket: `${s3.region}`, association: f.scope.region } : undefined,
        ),
        evidence: locationEvidence(f, t),
        ...base,
        step: 'association',
      };
    }
    return [finding];
  },
};

/** §3.11 output location checks. */
export const outputLocationChecks: Check[] = [outputLocationS3];
