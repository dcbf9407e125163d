// Checks a rendered message against Slack's limits (docs/slack-platform.md B.4) without trusting the
// renderer's own constants: the numbers are spelled out here on purpose.
import { expect } from 'vitest';
import type { KnownBlock, SlackMessage } from '../../../src/slack/views/limits.ts';
import { RAW_INJECTIONS } from './samples.ts';

/** Every piece of visible text in the blocks. */
export function blockTexts(block: KnownBlock): string[] {
  switch (block.type) {
    case 'section':
      return [
        ...(block.text ? [block.text.text] : []),
        ...(block.fields ?? []).map((f) => f.text),
        ...(block.accessory?.type === 'button' ? [block.accessory.text.text] : []),
      ];
    case 'header':
      return [block.text.text];
    case 'context':
      return block.elements.flatMap((e) => (e.type === 'mrkdwn' || e.type === 'plain_text' ? [e.text] : []));
    case 'actions':
      return block.elements.flatMap((e) => (e.type === 'button' ? [e.text.text] : []));
    default:
      return [];
  }
}

export const allText = (message: SlackMessage): string =>
  [message.text, ...message.blocks.flatMap(blockTexts)].join('\n');

export const buttons = (message: SlackMessage) =>
  message.blocks.flatMap((b) => (b.type === 'actions' ? b.elements.filter((e) => e.type === 'button') : []));

export function expectWithinLimits(message: SlackMessage): void {
  expect(message.text.trim().length, 'fallback text present').toBeGreaterThan(0);
  expect(message.text.length, 'fallback text').toBeLessThanOrEqual(4_000);
  expect(message.blocks.length, 'blocks per message').toBeGreaterThan(0);
  expect(message.blocks.length, 'blocks per message').toBeLessThanOrEqual(50);

  const blockIds = message.blocks.map((b) => b.block_id).filter((id): id is string => id !== undefined);
  expect(new Set(blockIds).size, 'block ids unique').toBe(blockIds.length);
  for (const id of blockIds) expect(id.length, 'block_id').toBeLessThanOrEqual(255);

  let total = 0;
  for (const block of message.blocks) {
    for (const text of blockTexts(block)) total += text.length;
    switch (block.type) {
      case 'section':
        if (block.text) {
          expect(block.text.text.length, 'section text').toBeLessThanOrEqual(3_000);
          expect(block.text.text.length, 'section text not empty').toBeGreaterThan(0);
        }
        expect(block.fields?.length ?? 0, 'section fields').toBeLessThanOrEqual(10);
        for (const field of block.fields ?? []) expect(field.text.length, 'field text').toBeLessThanOrEqual(2_000);
        break;
      case 'header':
        expect(block.text.text.length, 'header text').toBeLessThanOrEqual(150);
        break;
      case 'context':
        expect(block.elements.length, 'context elements').toBeLessThanOrEqual(10);
        break;
      case 'actions': {
        expect(block.elements.length, 'actions elements').toBeLessThanOrEqual(25);
        const actionIds = block.elements.map((e) => ('action_id' in e ? e.action_id : undefined));
        expect(new Set(actionIds).size, 'action ids unique within the block').toBe(actionIds.length);
        for (const element of block.elements) {
          if (element.type !== 'button') continue;
          expect(element.text.text.length, 'button text').toBeLessThanOrEqual(75);
          expect(element.value?.length ?? 0, 'button value').toBeLessThanOrEqual(2_000);
          expect(element.action_id?.length ?? 0, 'action_id').toBeLessThanOrEqual(255);
        }
        break;
      }
    }
    // A code block left open would swallow the rest of the message.
    for (const text of blockTexts(block)) expect(text.split('```').length % 2, 'balanced code fences').toBe(1);
  }
  expect(total, 'cumulative block text').toBeLessThanOrEqual(12_000);
}

/** No raw mention or link from AWS text survives anywhere in the payload. */
export function expectNoInjection(message: SlackMessage): void {
  const payload = allText(message);
  for (const raw of RAW_INJECTIONS) expect(payload).not.toContain(raw);
  expect(payload).not.toContain('@everyone');
}
