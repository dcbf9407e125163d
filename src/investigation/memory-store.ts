// An in-process InvestigationStore for the terminal CLI, where nothing needs to outlive the run.
import { randomUUID } from 'node:crypto';
import type { InvestigationRecord, InvestigationStore, NewInvestigation, StoredStep } from './ports.ts';

export function createMemoryInvestigationStore(clock: () => Date = () => new Date()): InvestigationStore {
  const investigations = new Map<string, InvestigationRecord>();
  const steps = new Map<string, StoredStep[]>();
  const update = (id: string, patch: Partial<InvestigationRecord>) => {
    const current = investigations.get(id);
    if (current) investigations.set(id, { ...current, ...patch, updatedAt: clock() });
  };
  return {
    async create(input: NewInvestigation) {
      const now = clock();
      const record: InvestigationRecord = {
        ...input,
        id: randomUUID(),
        status: 'queued',
        createdAt: now,
        updatedAt: now,
      };
      investigations.set(record.id, record);
      steps.set(record.id, []);
      return record;
    },
    get: async (id) => investigations.get(id),
    markRunning: async (id) => update(id, { status: 'running' }),
    setRootMessage: async (id, message) => update(id, message),
    async appendStep(id, step) {
      const list = steps.get(id) ?? [];
      if (!list.some((s) => s.ordinal === step.ordinal)) list.push({ ...step });
      steps.set(id, list);
    },
    async setStepMessage(id, ordinal, messageTs) {
      const step = steps.get(id)?.find((s) => s.ordinal === ordinal);
      if (step) step.messageTs = messageTs;
    },
    listSteps: async (id) => [...(steps.get(id) ?? [])].sort((a, b) => a.ordinal - b.ordinal),
    finish: async (id, outcome) =>
      update(id, { status: outcome.status, verdictSummary: outcome.verdictSummary, finishedAt: clock() }),
    async findRecent({ teamId, channelId, associationId, limit }) {
      return [...investigations.values()]
        .filter(
          (i) =>
            i.teamId === teamId &&
            (!channelId || i.channelId === channelId) &&
            (!associationId || i.associationId === associationId),
        )
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
        .slice(0, limit);
    },
  };
}
