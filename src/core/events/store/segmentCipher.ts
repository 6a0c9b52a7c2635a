/**
 * Encryption of the log's segment files (issue 10: credentials never in temp files). The events a session records
 * hold what the server sent and what the user typed, credentials included (the log keeps them so that "Show
 * secrets" can reveal a row); in memory that is the host's business, but a spilled block outlives a crash in the
 * extension's storage. So each file is written through AES-256-CTR under a key that lives only in this process's
 * memory and dies with the log: what is on disk is noise to anyone else, and unreadable after a crash.
 *
 * CTR mode, with the counter taken from the byte's position in its file: any range of a file can be encrypted or
 * decrypted on its own (a block appended at any offset, a page read from the middle of a block), the same
 * operation both ways. Each file has a random nonce of its own, so no keystream is ever used twice.
 */
import { createCipheriv, randomBytes } from 'node:crypto';

const AES_BLOCK = 16;

export class SegmentCipher {
  private readonly key = randomBytes(32);

  /** A fresh nonce for a new file. */
  newNonce(): Buffer {
    return randomBytes(8);
  }

  /** `length` bytes of `data`, encrypted (or decrypted) as the bytes at position `position` of the file `nonce`. */
  apply(nonce: Buffer, position: number, data: Uint8Array, length: number): Buffer {
    const iv = Buffer.alloc(AES_BLOCK);
    nonce.copy(iv, 0, 0, 8);
    iv.writeBigUInt64BE(BigInt(Math.floor(position / AES_BLOCK)), 8);
    const cipher = createCipheriv('aes-256-ctr', this.key, iv);
    // The keystream of the bytes before `position` within its AES block is skipped.
    const skip = position % AES_BLOCK;
    if (skip > 0) cipher.update(Buffer.alloc(skip));
    return cipher.update(data.subarray(0, length));
  }
}
