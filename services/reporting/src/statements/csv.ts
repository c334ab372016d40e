/**
 * One RFC 4180 field: quoted (inner quotes doubled) when it holds a comma, a quote, a line break or leading or
 * trailing spaces; as it is otherwise.
 */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** RFC 4180 text: records end with CRLF, the last one included. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}
