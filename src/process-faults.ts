// Process-level safety net: an error nobody handled is logged and the process keeps serving, because one bad
// request or one dropped database connection must not take every user's work down. Only a storm of uncaught
// exceptions (the process is likely broken, not merely unlucky) ends it, with exit code 1 so a supervisor restarts it.
import type { Logger } from './logger.ts';

export interface ProcessFaultOptions {
  /** More uncaught exceptions than this within `windowMs` → exit(1). Default 20 in 60 s. */
  maxUncaught?: number;
  windowMs?: number;
  exit?: (code: number) => void;
  clock?: () => number;
}

export interface ProcessFaultCounts {
  unhandledRejections: number;
  uncaughtExceptions: number;
}

/** Installs the handlers on `target` (the process); returns live counters and a function that removes them. */
export function installProcessFaultHandlers(
  logger: Pick<Logger, 'error' | 'fatal'>,
  options: ProcessFaultOptions = {},
  target: NodeJS.EventEmitter = process,
): { counts: ProcessFaultCounts; remove: () => void } {
  const maxUncaught = options.maxUncaught ?? 20;
  const windowMs = options.windowMs ?? 60_000;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const clock = options.clock ?? Date.now;
  const counts: ProcessFaultCounts = { unhandledRejections: 0, uncaughtExceptions: 0 };
  let recent: number[] = [];

  const onRejection = (reason: unknown) => {
    counts.unhandledRejections += 1;
    logger.error({ err: reason, fault: 'unhandledRejection' }, 'unhandled promise rejection; still serving');
  };
  const onException = (error: unknown) => {
    counts.uncaughtExceptions += 1;
    const now = clock();
    recent = [...recent.filter((at) => now - at < windowMs), now];
    if (recent.length > maxUncaught) {
      logger.fatal(
        { err: error, fault: 'uncaughtException', inWindow: recent.length },
        'too many uncaught exceptions; exiting',
      );
      exit(1);
      return;
    }
    logger.error({ err: error, fault: 'uncaughtException' }, 'uncaught exception; still serving');
  };
  target.on('unhandledRejection', onRejection);
  target.on('uncaughtException', onException);
  return {
    counts,
    remove: () => {
      target.off('unhandledRejection', onRejection);
      target.off('uncaughtException', onException);
    },
  };
}
