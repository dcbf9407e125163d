import { isAppError } from '../../domain/app-error.ts';
import type { AssociationFacts, DocumentFacts } from '../../domain/facts.ts';
import { formatCounts, formatList, formatWhen } from '../format.ts';
import { attempt, gapFrom } from '../gaps.ts';
import type { StepFact } from '../ports.ts';
import type { StepDefinition } from '../step.ts';

/** b. Association and document — DescribeAssociation, then DescribeDocument (it needs the document name). */
export const associationStep: StepDefinition = {
  key: 'association',
  title: 'Association and document',
  async run({ reader, associationId, scope, now, roleArn }) {
    let association: AssociationFacts;
    try {
      association = await reader.describeAssociation(associationId);
    } catch (error) {
      const gap = gapFrom('association', 'DescribeAssociation', error, roleArn);
      const notFound = isAppError(error, 'not-found');
      return {
        status: notFound ? 'failed' : 'error',
        facts: [
          {
            label: notFound ? 'Not found' : 'Problem',
            value: notFound
              ? `DescribeAssociation: AssociationDoesNotExist in ${scope.accountName} / ${scope.region}`
              : gap.message,
          },
        ],
        patch: {},
        gaps: [
          notFound
            ? {
                ...gap,
                kind: 'not-found',
                message: `Association ${associationId} does not exist in ${scope.accountName} (${scope.accountId}) / ${scope.region}`,
              }
            : gap,
        ],
        stop: true,
      };
    }
    const documentCall = await attempt(
      'association',
      'DescribeDocument',
      () => reader.describeDocument(association.documentName, association.documentVersion),
      roleArn,
    );
    const document = documentCall.ok ? documentCall.value : undefined;
    const outcome = {
      facts: [...associationLines(association, now), ...documentLines(document)],
      patch: document ? { association, document } : { association },
    };
    return documentCall.ok ? outcome : { ...outcome, gaps: [documentCall.gap] };
  },
};

function associationLines(a: AssociationFacts, now: Date): StepFact[] {
  const lines: StepFact[] = [
    { label: 'Status', value: `${a.status ?? 'unknown'}${a.detailedStatus ? ` (${a.detailedStatus})` : ''}` },
    { label: 'Nodes by status', value: formatCounts(a.statusCounts) },
    { label: 'Document', value: `${a.documentName}${a.documentVersion ? ` v${a.documentVersion}` : ''}` },
    {
      label: 'Schedule',
      value: `${a.scheduleExpression ?? 'none (runs once at creation)'}${a.applyOnlyAtCronInterval ? ' · ApplyOnlyAtCronInterval' : ''}${a.scheduleOffset ? ` · offset ${a.scheduleOffset} d` : ''}`,
    },
    {
      label: 'Targets',
      value: a.instanceId
        ? `InstanceId ${a.instanceId} (legacy association)`
        : formatList(
            a.targets.map((t) => `${t.key} = ${formatList(t.values, 3)}`),
            3,
          ) || 'none',
    },
    {
      label: 'Rate controls',
      value: `MaxConcurrency ${a.maxConcurrency ?? 'default'} · MaxErrors ${a.maxErrors ?? 'default'}`,
    },
    { label: 'Last execution', value: formatWhen(a.lastExecutionAt, now) },
    { label: 'Last success', value: formatWhen(a.lastSuccessfulExecutionAt, now) },
  ];
  if (a.outputS3?.bucketName) {
    lines.push({ label: 'Output location', value: `s3://${a.outputS3.bucketName}/${a.outputS3.keyPrefix ?? ''}` });
  }
  if (a.calendarNames.length > 0) lines.push({ label: 'Change calendars', value: formatList(a.calendarNames) });
  if (a.automationTargetParameterName) {
    lines.push({ label: 'AutomationTargetParameterName', value: a.automationTargetParameterName });
  }
  return lines;
}

function documentLines(document: DocumentFacts | undefined): StepFact[] {
  if (!document) return [];
  if (!document.found) return [{ label: 'Document problem', value: `${document.errorCode}: ${document.message}` }];
  return [
    {
      label: 'Document details',
      value: [
        document.documentType,
        document.schemaVersion && `schema ${document.schemaVersion}`,
        document.platformTypes.length > 0 && document.platformTypes.join('/'),
        document.status,
        document.version && `version ${document.version}`,
        document.defaultVersion && `default ${document.defaultVersion}`,
      ]
        .filter(Boolean)
        .join(' · '),
    },
  ];
}
