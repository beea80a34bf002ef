import { parsePlate } from './plate.ts';

/**
 * Default masking for display (DOMAIN-RULES: ID `110105********002X`, phone `138****1234`, name `张*`).
 * Each mask keeps a fixed number of characters and replaces every other one with `*`, so the output
 * has the input's length and reveals nothing beyond the kept characters.
 */

function keepEnds(value: string, head: number, tail: number): string {
  const chars = [...value];
  // Too short to keep both ends without showing most of it: hide everything.
  if (chars.length <= head + tail) return '*'.repeat(chars.length);
  return chars.map((c, i) => (i < head || i >= chars.length - tail ? c : '*')).join('');
}

/** ID number: the 6-digit area code and the last 4 characters stay visible. */
export function maskIdNumber(id: string): string {
  return keepEnds(id, 6, 4);
}

/** Mobile number (11 digits): first 3 and last 4 visible. Landline `0595-23521234`: area code and last 4. */
export function maskPhone(phone: string): string {
  const dash = phone.indexOf('-');
  if (dash > 0) return phone.slice(0, dash + 1) + keepEnds(phone.slice(dash + 1), 0, 4);
  return keepEnds(phone, 3, 4);
}

/**
 * Personal name: only the first character stays visible, one `*` per hidden character
 * (张三 → 张*, 欧阳娜娜 → 欧***). Compound surnames are not kept whole: telling them apart from a
 * one-character surname needs a list, and showing less is the safer mistake. Latin names keep the first
 * letter and mask the rest, spaces included (John Smith → J*********). A one-character name is
 * fully masked.
 */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*'.repeat(chars.length);
  return chars[0] + '*'.repeat(chars.length - 1);
}

/**
 * Free text shown to someone who may not see personal data (a volunteer answering a call-out): every mobile
 * number, landline and ID number written in it is masked as above. Names in free text cannot be found
 * reliably; the text's author is asked not to write them.
 */
export function maskContactsInText(text: string): string {
  return text
    .replace(/(?<![0-9A-Za-z])[1-9]\d{16}[\dXx](?![0-9A-Za-z])/g, (id) => maskIdNumber(id))
    .replace(/(?<!\d)1[3-9]\d{9}(?!\d)/g, (phone) => maskPhone(phone))
    .replace(/(?<!\d)0\d{2,3}-\d{7,8}(?!\d)/g, (phone) => maskPhone(phone));
}

/**
 * Vehicle plate (GA 36-2018): the province, the authority letter and the last character stay visible
 * (`闽C8H58M` → `闽C****M`, new-energy `闽CD12345` → `闽C*****5`), enough to tell the region and to match a
 * plate the owner already knows, not to identify the car. Anything that does not parse as a plate keeps only
 * its first character.
 */
export function maskPlate(plate: string): string {
  const parsed = parsePlate(plate);
  if (!parsed.ok) return maskName(plate);
  return keepEnds(parsed.value.value, 2, 1);
}
