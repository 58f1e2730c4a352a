const pats = {
  orig: /"(\\.|[^"\\])*"|'(\\.|[^'\\])*'/y,
  unrolled: /"[^"\\]*(?:\\.[^"\\]*)*"|'[^'\\]*(?:\\.[^'\\]*)*'/y,
};
for (const [name, re] of Object.entries(pats)) {
  for (const [label, s] of [['plain', '"' + 'x'.repeat(5e6) + '"'], ['unterminated', '"' + 'x'.repeat(5e6)], ['escapes', '"' + '\\n'.repeat(2.5e6) + '"'], ['escapes-unterminated', '"' + '\\n'.repeat(2.5e6)], ['mixed', '"' + 'ab\\n'.repeat(1.2e6) + '"']]) {
    re.lastIndex = 0;
    const t = Date.now();
    try { const m = re.test(s); console.log(name, label, m, Date.now() - t, 'ms'); } catch (e) { console.log(name, label, 'THROW', e.message, Date.now() - t); }
  }
}
