import { isAppError } from '../../domain/app-error.ts';
import type { AssociationFacts, DocumentFacts } from '../../domain/facts.ts';
import { type Catalog, texts } from '../../i18n/index.ts';
import { formatCounts, formatList, formatWhen } from '../format.ts';
import { attempt, gapFrom } from '../gaps.ts';
import type { StepFact } from '../ports.ts';
import type { StepDefinition } from '../step.ts';

/** b. Association and document — DescribeAssociation, then DescribeDocument (it needs the document name). */
export const associationStep: StepDefinition = {
  key: 'association',
  async run({ reader, associationId, scope, now, roleArn, lang }) {
    const t = texts(lang);
    const say = t.thread.facts.association;
    let association: AssociationFacts;
    try {
      association = await reader.describeAssociation(associationId);
    } catch (error) {
      const gap = gapFrom('association', 'DescribeAssociation', error, { roleArn, lang });
      const notFound = isAppError(error, 'not-found');
      return {
        status: notFound ? 'failed' : 'error',
        facts: [
          {
            label: notFound ? say.notFound : t.thread.facts.problem,
            value: notFound ? say.notFoundValue(scope.accountName, scope.region) : gap.message,
          },
        ],
        patch: {},
        gaps: [
          notFound
            ? {
                ...gap,
                kind: 'not-found',
                message: say.notFoundGap(associationId, scope.accountName, scope.accountId, scope.region),
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
      { roleArn, lang },
    );
    const document = documentCall.ok ? documentCall.value : undefined;
    const outcome = {
      facts: [...associationLines(association, now, t), ...documentLines(document, t)],
      patch: document ? { association, document } : { association },
    };
    return documentCall.ok ? outcome : { ...outcome, gaps: [documentCall.gap] };
  },
};

function associationLines(a: AssociationFacts, now: Date, t: Catalog): StepFact[] {
  const say = t.thread.facts.association;
  const lines: StepFact[] = [
    {
      label: say.status,
      value: `${a.status ?? t.thread.facts.unknown}${a.detailedStatus ? ` (${a.detailedStatus})` : ''}`,
    },
    { label: say.nodesByStatus, value: formatCounts(a.statusCounts, t) },
    { label: say.document, value: `${a.documentName}${a.documentVersion ? ` v${a.documentVersion}` : ''}` },
    {
      label: say.schedule,
      value: say.scheduleValue(a.scheduleExpression, Boolean(a.applyOnlyAtCronInterval), a.scheduleOffset),
    },
    {
      label: say.targets,
      value: a.instanceId
        ? say.legacyInstance(a.instanceId)
        : formatList(
            a.targets.map((target) => `${target.key} = ${formatList(target.values, t, 3)}`),
            t,
            3,
          ) || t.thread.facts.none,
    },
    { label: say.rateControls, value: say.rateControlsValue(a.maxConcurrency, a.maxErrors) },
    { label: say.lastExecution, value: formatWhen(a.lastExecutionAt, now, t) },
    { label: say.lastSuccess, value: formatWhen(a.lastSuccessfulExecutionAt, now, t) },
  ];
  if (a.outputS3?.bucketName) {
    lines.push({ label: say.outputLocation, value: `s3://${a.outputS3.bucketName}/${a.outputS3.keyPrefix ?? ''}` });
  }
  if (a.calendarNames.length > 0) lines.push({ label: say.changeCalendars, value: formatList(a.calendarNames, t) });
  if (a.automationTargetParameterName) {
    lines.push({ label: 'AutomationTargetParameterName', value: a.automationTargetParameterName });
  }
  return lines;
}

function documentLines(document: DocumentFacts | undefined, t: Catalog): StepFact[] {
  const say = t.thread.facts.association;
  if (!document) return [];
  if (!document.found) return [{ label: say.documentProblem, value: `${document.errorCode}: ${document.message}` }];
  return [
    {
      label: say.documentDetails,
      value: [
        document.documentType,
        document.schemaVersion && say.schema(document.schemaVersion),
        document.platformTypes.length > 0 && document.platformTypes.join('/'),
        document.status,
        document.version && say.version(document.version),
        document.defaultVersion && say.defaultVersion(document.defaultVersion),
      ]
        .filter(Boolean)
        .join(' · '),
    },
  ];
}
