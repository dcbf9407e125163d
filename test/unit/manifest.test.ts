// manifest.yml against Slack's manifest schema v1 (slackapi/manifest-schema, kept in test/fixtures/reference).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const schemaPath = path.join(repoRoot, 'test', 'fixtures', 'reference', 'slack', 'manifest.schema.json');

// ajv-formats is CommonJS: `module.exports = plugin` with `plugin.default = plugin`. NodeNext types the default
// import as the module object, so take `.default`, which is the plugin in every loader.
const addFormats = addFormatsModule.default;

/** Every bot scope the app needs, and why. Change this list only together with the code that needs it. */
const EXPECTED_BOT_SCOPES = [
  'commands', // /ssm-why
  'chat:write', // root message, thread replies, chat.update, chat.postEphemeral
  'chat:write.public', // post in public channels without being invited first
  'files:write', // full command output via files.uploadV2
  'channels:history', // after a crash, find a post by its metadata key before posting it again (public channels)
  'groups:history', // the same in private channels the bot was invited to
  'usergroups:read', // usergroups.users.list: remediators named by user group (Run now)
  'users:read', // users.info with include_locale: each user's language
];

interface Manifest {
  features: {
    slash_commands: {
      command: string;
      url?: string;
      description: string;
      usage_hint?: string;
      should_escape?: boolean;
    }[];
    bot_user: { display_name: string };
    app_home?: { home_tab_enabled?: boolean };
  };
  oauth_config: { scopes: { bot: string[]; user?: string[] } };
  settings: {
    interactivity: { is_enabled: boolean; request_url?: string };
    socket_mode_enabled?: boolean;
    event_subscriptions?: unknown;
  };
}

function loadManifest(): Manifest {
  return parse(readFileSync(path.join(repoRoot, 'manifest.yml'), 'utf8')) as Manifest;
}

function validator() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
}

describe('manifest.yml', () => {
  it('is valid against the Slack manifest schema v1', () => {
    const validate = validator();
    const valid = validate(loadManifest());
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('rejects a broken manifest (command without the leading /)', () => {
    const broken = loadManifest();
    const command = broken.features.slash_commands[0];
    if (!command) throw new Error('manifest has no slash command');
    command.command = 'ssm-why';
    const validate = validator();
    expect(validate(broken)).toBe(false);
    expect(validate.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ instancePath: '/features/slash_commands/0/command', keyword: 'pattern' }),
      ]),
    );
  });

  it('requests exactly the expected bot scopes and no user scopes', () => {
    const { scopes } = loadManifest().oauth_config;
    expect([...scopes.bot].sort()).toEqual([...EXPECTED_BOT_SCOPES].sort());
    expect(scopes.user).toBeUndefined();
  });

  it('declares /ssm-why in HTTP mode, all traffic on /slack/events', () => {
    const m = loadManifest();
    expect(m.features.slash_commands).toHaveLength(1);
    const [command] = m.features.slash_commands;
    expect(command).toMatchObject({
      command: '/ssm-why',
      url: 'https://ssm-why.example.com/slack/events',
      should_escape: false,
    });
    expect(command?.usage_hint).toBe(
      '<association-id> [account <name|id>] [region <region>] | help | history [<association-id>] | failing [account …] [region …] | subscribe … | unsubscribe <id|all> | subscriptions | lang [en|ja|auto]',
    );
    expect(m.settings.interactivity).toEqual({
      is_enabled: true,
      request_url: 'https://ssm-why.example.com/slack/events',
    });
    expect(m.settings.socket_mode_enabled).toBe(false);
    // One event, App Home opened (it needs no scope), on the same endpoint.
    expect(m.settings.event_subscriptions).toEqual({
      request_url: 'https://ssm-why.example.com/slack/events',
      bot_events: ['app_home_opened'],
    });
    expect(m.features.app_home?.home_tab_enabled).toBe(true);
  });
});
