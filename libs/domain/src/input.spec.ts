import { describe, expect, it } from 'vitest';
import { assertCleanInput, controlCharacterIn, INPUT_LIMITS } from './input';
import { ValidationError } from './errors';

describe('assertCleanInput', () => {
  it('refuses C0 control characters anywhere, naming the field', () => {
    expect(() => assertCleanInput({ displayName: '\u0000x' }, 'body')).toThrow('body.displayName：不能包含控制字符（U+0000）');
    expect(() => assertCleanInput({ items: [{ name: 'a\u001bb' }] }, 'body')).toThrow(/body\.items\.0\.name.*U\+001B/);
    expect(() => assertCleanInput({ q: '\u0007' }, 'query')).toThrow(ValidationError);
    expect(() => assertCleanInput({ ['k\u0000']: 1 }, 'body')).toThrow(/字段名/);
  });

  it('lets tab, line feed and carriage return through, and everything printable', () => {
    expect(() => assertCleanInput({ reason: '第一行\r\n第二行\t缩进', name: '朔州市公安局 ©', n: 3, ok: true, none: null }, 'body')).not.toThrow();
    expect(controlCharacterIn('a\tb\nc\rd')).toBeNull();
  });

  it('bounds the nesting depth without recursing', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 5000; i++) deep = { d: deep };
    expect(() => assertCleanInput({ details: deep }, 'body')).toThrow(/嵌套层级超过 32 层/);
    let ok: unknown = 'x';
    for (let i = 0; i < INPUT_LIMITS.maxDepth - 1; i++) ok = [ok];
    expect(() => assertCleanInput(ok, 'body')).not.toThrow();
  });
});
