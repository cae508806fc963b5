/**
 * Enumeration values as words: `enums.<enum>.<value>` in the console's texts (zh-CN from the domain's `*_LABELS`,
 * en translated; `enum-messages.ts`, loaded with the modules' texts). A value without a text shows as it is, which a
 * test of the messages prevents.
 */
export function enumLabel(i18n: { t: (key: string) => string; te: (key: string) => boolean }, name: string, value: string | number | boolean): string {
  const key = `enums.${name}.${String(value)}`;
  return i18n.te(key) ? i18n.t(key) : String(value);
}
