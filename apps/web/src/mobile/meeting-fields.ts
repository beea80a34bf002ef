// The phone's form fields for a mediation meeting, as the server takes them.

/** `2026-12-06T15:30` in the phone's own time, as `<input type="datetime-local">` shows it. */
export function localMinute(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

/** Names typed in one field, split on 、，, ; and spaces. */
export function splitNames(text: string): string[] {
  return text
    .split(/[、，,;；\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
