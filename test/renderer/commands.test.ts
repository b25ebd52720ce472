import { describe, expect, it } from 'vitest';
import { commandForKey } from '../../renderer/src/shell/commands.ts';

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'shiftKey' | 'altKey' | 'metaKey', boolean>> = {}) =>
  ({ key: k, ctrlKey: false, shiftKey: false, altKey: false, metaKey: false, ...mods }) as KeyboardEvent;

describe('commandForKey', () => {
  it('maps the shortcuts of the issue', () => {
    expect(commandForKey(key('o', { ctrlKey: true }))).toBe('open');
    expect(commandForKey(key('s', { ctrlKey: true }))).toBe('save');
    expect(commandForKey(key('S', { ctrlKey: true, shiftKey: true }))).toBe('saveAs');
    expect(commandForKey(key('z', { ctrlKey: true }))).toBe('undo');
    expect(commandForKey(key('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(commandForKey(key('y', { ctrlKey: true }))).toBe('redo');
    expect(commandForKey(key('Enter', { ctrlKey: true }))).toBe('run');
    expect(commandForKey(key('Escape'))).toBe('cancel');
    expect(commandForKey(key('z', { metaKey: true }))).toBe('undo');
  });

  it('leaves plain typing alone', () => {
    expect(commandForKey(key('s'))).toBeNull();
    expect(commandForKey(key('Enter'))).toBeNull();
    expect(commandForKey(key('s', { ctrlKey: true, altKey: true }))).toBeNull();
  });
});
