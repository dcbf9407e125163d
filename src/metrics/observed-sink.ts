// Counts what the runner reports: every step's duration, and each verdict by outcome and cause family.
import type { Diagnosis } from '../domain/finding.ts';
import type { ProgressSink } from '../investigation/ports.ts';
import type { Metrics } from './metrics.ts';

/** The family of the top finding (`node.connection-lost` → `node`); `none` when nothing was found. */
/** The verdict's cause family (issue 9's families); `none` for a healthy association, whatever info findings it has. */
export const causeFamily = (diagnosis: Diagnosis): string =>
  diagnosis.outcome === 'healthy'
    ? 'none'
    : (diagnosis.causeFamily ?? diagnosis.findings[0]?.id.split('.')[0] ?? 'none');

export function observedSink(sink: ProgressSink, metrics: Metrics, now: () => number = Date.now): ProgressSink {
  return {
    started: (investigation) => sink.started(investigation),
    async stepFinished(investigation, step, totalSteps) {
      metrics.stepFinished(step.key, step.status, step.durationMs / 1000);
      return sink.stepFinished(investigation, step, totalSteps);
    },
    async finished(investigation, diagnosis, steps) {
      const result = await sink.finished(investigation, diagnosis, steps);
      metrics.investigationFinished(
        diagnosis.outcome,
        causeFamily(diagnosis),
        Math.max(0, (now() - investigation.createdAt.getTime()) / 1000),
      );
      return result;
    },
  };
}
