/** Same input, same bytes, for a zip file (an .xlsx): the writer stamps every entry with the time of the run,
 *  in its local header and in the central directory. `pinZipDates` overwrites those stamps with one fixed
 *  date. The CRCs cover the entries' data, not their headers, so the archive stays valid. */

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** MS-DOS date and time (the zip format's), read as UTC; 1980-01-01 is the earliest it can hold. */
export function dosDateTime(date: Date): { date: number; time: number } {
  const year = Math.min(Math.max(date.getUTCFullYear(), 1980), 2107);
  return {
    date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
  };
}

/** The archive with every entry dated `date`. Throws on a file that is not a plain zip (no end of central
 *  directory, a header where none is expected): the input is the xlsx writer's output, never user data. */
export function pinZipDates(zip: Uint8Array, date: Date): Uint8Array {
  const out = new Uint8Array(zip);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const { date: d, time: t } = dosDateTime(date);
  let end = -1;
  // The end record is 22 bytes plus a comment of at most 65,535.
  for (let i = out.length - 22; i >= Math.max(0, out.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error("pinZipDates: no end of central directory record");
  const entries = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  for (let n = 0; n < entries; n++) {
    if (view.getUint32(at, true) !== CENTRAL) throw new Error(`pinZipDates: no central directory header at ${at}`);
    view.setUint16(at + 12, t, true);
    view.setUint16(at + 14, d, true);
    const local = view.getUint32(at + 42, true);
    if (view.getUint32(local, true) !== LOCAL) throw new Error(`pinZipDates: no local header at ${local}`);
    view.setUint16(local + 10, t, true);
    view.setUint16(local + 12, d, true);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return out;
}
