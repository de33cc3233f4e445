/**
 * Reads a request body into JSON with every failure answered, never thrown past the request:
 * a size cap on the bytes received and on the bytes decoded (a small gzip can expand a
 * thousandfold), only the encodings Bot Framework channels use, and one generic answer per
 * kind of problem. A bad body ends as 400, 413 or 415, never as an 'error' event nobody handles.
 */
import type { IncomingMessage } from 'node:http';
import { createGunzip, createInflate, type Gunzip, type Inflate } from 'node:zlib';

export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

const TOO_LARGE = (max: number) => new BodyError(413, `The request body is larger than ${max} bytes.`);

function decoderFor(encoding: string | undefined, maxBytes: number): Gunzip | Inflate | null {
  const tokens = (encoding ?? '')
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter((t) => t && t !== 'identity');
  if (tokens.length === 0) return null;
  if (tokens.length > 1) throw new BodyError(415, 'Only one content encoding (gzip or deflate) is accepted.');
  // maxOutputLength makes zlib stop with an error instead of filling memory.
  if (tokens[0] === 'gzip' || tokens[0] === 'x-gzip') return createGunzip({ maxOutputLength: maxBytes + 1 });
  if (tokens[0] === 'deflate') return createInflate({ maxOutputLength: maxBytes + 1 });
  throw new BodyError(415, 'Content encodings accepted: gzip, deflate or none.');
}

/** The body's bytes, decoded; rejects with a BodyError (the request is drained, not left hanging). */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let decoder: Gunzip | Inflate | null;
    try {
      decoder = decoderFor(req.headers['content-encoding'], maxBytes);
    } catch (error) {
      req.resume();
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      req.resume();
      reject(TOO_LARGE(maxBytes));
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    let decoded = 0;
    let settled = false;
    const fail = (error: BodyError) => {
      if (settled) return;
      settled = true;
      decoder?.destroy();
      // Keep reading (and dropping) what the client still sends, so that the answer can be written.
      req.removeAllListeners('data');
      req.resume();
      reject(error);
    };
    const done = () => {
      if (settled) return;
      settled = true;
      resolve(Buffer.concat(chunks));
    };
    const collect = (chunk: Buffer) => {
      decoded += chunk.length;
      if (decoded > maxBytes) return fail(TOO_LARGE(maxBytes));
      chunks.push(chunk);
    };
    if (decoder) {
      decoder.on('data', collect);
      decoder.on('end', done);
      decoder.on('error', (error: NodeJS.ErrnoException) =>
        fail(
          error.code === 'ERR_BUFFER_TOO_LARGE'
            ? TOO_LARGE(maxBytes)
            : new BodyError(400, 'The request body does not match its Content-Encoding.'),
        ),
      );
    }
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) return fail(TOO_LARGE(maxBytes));
      if (decoder) decoder.write(chunk);
      else collect(chunk);
    });
    req.on('end', () => (decoder ? decoder.end() : done()));
    req.on('error', () => fail(new BodyError(400, 'The request body could not be read.')));
    req.on('aborted', () => fail(new BodyError(400, 'The request body could not be read.')));
  });
}

/**
 * How deep a body's objects and arrays may nest. Bot Framework activities nest about ten levels
 * (an Adaptive Card in an attachment a little more); a deeper body is refused before it is parsed,
 * so no parser, formatter or logger ever walks it.
 */
export const MAX_JSON_DEPTH = 64;

/** The body as JSON; BodyError(400) when it is not JSON, not UTF-8 text, or nests deeper than MAX_JSON_DEPTH. */
export async function readJsonBody(
  req: IncomingMessage,
  maxBytes: number,
  maxDepth = MAX_JSON_DEPTH,
): Promise<unknown> {
  const bytes = await readBody(req, maxBytes);
  if (bytes.length === 0) throw new BodyError(400, 'The request body is empty.');
  if (nestingDepth(bytes) > maxDepth)
    throw new BodyError(400, `The request body nests deeper than ${maxDepth} levels.`);
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new BodyError(400, 'The request body is not valid JSON.');
  }
}

/** The deepest nesting of `{` and `[` outside strings, in one pass over the bytes (no parse). */
export function nestingDepth(bytes: Uint8Array): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === 0x5c)
        i++; // a backslash: the next byte is escaped
      else if (b === 0x22) inString = false;
    } else if (b === 0x22) {
      inString = true;
    } else if (b === 0x7b || b === 0x5b) {
      if (++depth > deepest) deepest = depth;
    } else if (b === 0x7d || b === 0x5d) {
      depth--;
    }
  }
  return deepest;
}
