// A structural check of ZPL text before it goes to a printer: formats open and close, every
// field's data ends with ^FS, no tilde command and no raw control byte hides in the data.
// It catches a generator defect; it does not prove the label looks right.

export function checkZpl(zpl: string): string[] {
  const problems: string[] = [];
  // eslint-disable-next-line no-control-regex
  if (/[^\u0020-\u007e\n\r]/.test(zpl)) problems.push('contains bytes outside printable ASCII (data must be ^FH-escaped)');
  if (zpl.includes('~')) problems.push('contains "~" (a control command prefix) — data must be ^FH-escaped');
  const commands = [...zpl.matchAll(/\^([A-Z0-9@]{2})/g)].map((m) => ({ cmd: m[1]!, at: m.index }));
  let open = false;
  let inField = false;
  for (const { cmd, at } of commands) {
    if (cmd === 'XA') {
      if (open) problems.push(`^XA at ${at} inside an open format`);
      open = true;
    } else if (cmd === 'XZ') {
      if (!open) problems.push(`^XZ at ${at} without ^XA`);
      if (inField) problems.push(`^XZ at ${at} inside an unfinished field`);
      open = false;
    } else {
      if (!open) problems.push(`^${cmd} at ${at} outside ^XA…^XZ`);
      if (cmd === 'FD') {
        if (inField) problems.push(`^FD at ${at} before the previous field ended`);
        inField = true;
      } else if (cmd === 'FS') {
        inField = false;
      } else if (inField) {
        // A caret inside field data would start a command: the data was not escaped.
        problems.push(`^${cmd} at ${at} inside field data (unescaped "^" or missing ^FS)`);
      }
    }
  }
  if (open) problems.push('a format is never closed with ^XZ');
  return problems;
}
