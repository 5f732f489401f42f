/**
 * Just enough DER reading to say what a file that is not a readable certificate is instead (ITU-T X.690 8.1:
 * tag, then length in short or long form; 0x80 is BER's indefinite length).
 */
interface Header {
  tag: number;
  /** Where the contents start. */
  start: number;
  /** null for an indefinite length. */
  length: number | null;
}

function header(bytes: Buffer, at: number): Header | null {
  if (at + 2 > bytes.length) return null;
  const first = bytes[at + 1]!;
  if (first < 0x80) return { tag: bytes[at]!, start: at + 2, length: first };
  const octets = first & 0x7f;
  if (octets === 0) return { tag: bytes[at]!, start: at + 2, length: null };
  if (octets > 4 || at + 2 + octets > bytes.length) return null;
  let length = 0;
  for (let i = 0; i < octets; i += 1) length = length * 256 + bytes[at + 2 + i]!;
  return { tag: bytes[at]!, start: at + 2 + octets, length };
}

const SEQUENCE = 0x30;
/** OID 1.2.840.113549.1.7 (PKCS#7 content types) without its last arc: data (1) or signedData (2) follow. */
const PKCS7_OID_PREFIX = Buffer.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07]);

/** A PKCS#12 key store (RFC 7292 4: PFX ::= SEQUENCE { version INTEGER (v3), authSafe ContentInfo, … }). */
export function isPkcs12(bytes: Buffer): boolean {
  const pfx = header(bytes, 0);
  if (!pfx || pfx.tag !== SEQUENCE) return false;
  const version = bytes.subarray(pfx.start, pfx.start + 3);
  if (!version.equals(Buffer.from([0x02, 0x01, 0x03]))) return false;
  const authSafe = header(bytes, pfx.start + 3);
  if (!authSafe || authSafe.tag !== SEQUENCE) return false;
  const oid = bytes.subarray(authSafe.start, authSafe.start + PKCS7_OID_PREFIX.length + 1);
  return oid.subarray(0, PKCS7_OID_PREFIX.length).equals(PKCS7_OID_PREFIX) && [1, 2].includes(oid[PKCS7_OID_PREFIX.length]!);
}

/** Whether DER announces more bytes than the file holds: cut short in a download or a copy. */
export function isCutShort(bytes: Buffer): boolean {
  const outer = header(bytes, 0);
  if (!outer || outer.tag !== SEQUENCE || outer.length === null) return false;
  return outer.start + outer.length > bytes.length;
}

/**
 * A certificate saved as bare base64 (PEM without its BEGIN/END lines, as some tools and copy-pastes give): the bytes
 * it encodes when the file is nothing but base64 of a DER SEQUENCE, else null.
 */
export function bareBase64Der(text: string): Buffer | null {
  const payload = text.replace(/\s+/g, '');
  if (payload.length < 64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(payload)) return null;
  const bytes = Buffer.from(payload, 'base64');
  return bytes[0] === SEQUENCE ? bytes : null;
}
