import { config as loadDotenv } from 'dotenv';
import { type ConfigMode, type ConfigResult, loadConfig } from './config.ts';

export type { AppConfig, ConfigMode, ConfigResult } from './config.ts';
export { loadConfig, SELF_ACCOUNT_ID } from './config.ts';

/** Reads `.env` (when present) into the environment, then parses it. The one place that touches process.env. */
export function readConfigFromProcess(mode: ConfigMode = 'app'): ConfigResult {
  loadDotenv({ quiet: true });
  return loadConfig(process.env, mode);
}

/** AWS SDK variables that only the SDK reads; set here so the composition root stays declarative. */
export function silenceAwsNodeVersionWarning(): void {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}

/** The NO_COLOR convention (https://no-color.org): any non-empty value turns terminal colours off. */
export function noColorRequested(): boolean {
  return Boolean(process.env.NO_COLOR);
}
