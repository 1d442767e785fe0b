// The server-rendered page's byte stream, between React and the response.
import { Transform } from "node:stream";

/**
 * React 18's streaming renderer fills 2 KB chunks; when the next character is multi-byte and does not fit,
 * it sends the whole chunk anyway, its unfilled last bytes still zero (facebook/react#24985, fixed in
 * React 19 only). Arabic text came out as «والملاحظا\0ت» in the page. A page never holds a real NUL (the
 * database's text cannot store one and React's own output has none), so zero bytes at a chunk's end are
 * cut.
 */
export function withoutZeroPadding(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      let end = chunk.length;
      while (end > 0 && chunk[end - 1] === 0) end--;
      done(null, end === chunk.length ? chunk : chunk.subarray(0, end));
    },
  });
}
