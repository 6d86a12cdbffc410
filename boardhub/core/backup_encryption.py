"""Encrypted backup files: authenticated, streamed in chunks, from a key or passphrase.

Invariant: a file written here can be read back only with the same key, and only exactly as it
was written. Changing, reordering, cutting short or lengthening it, or swapping it for another
backup file, is detected before a byte of it is used.

How: the key (any string: a generated key or a long passphrase) goes through scrypt with a
random salt to make a 256-bit key, and the file is encrypted in 1 MiB chunks with AES-256-GCM
(the STREAM construction): each chunk's nonce holds a random prefix, the chunk's number and a
flag on the last chunk, and each chunk is authenticated together with the header and the file's
name. Only one chunk is ever held in memory, so a dump of any size can be written and read.

    header  MAGIC (8) | version (1) | salt (16) | nonce prefix (7) | key check (16)
    chunks  AES-256-GCM(chunk), 1 MiB + 16 bytes each, the last one shorter or empty

The key check (an HMAC of the derived key) tells a wrong key apart from a changed file, so the
message can say which.
"""

import hashlib
import hmac
import os
import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

MAGIC = b"BHBACKUP"
VERSION = b"\x01"
SALT_BYTES = 16
PREFIX_BYTES = 7
CHECK_BYTES = 16
HEADER_BYTES = len(MAGIC) + len(VERSION) + SALT_BYTES + PREFIX_BYTES + CHECK_BYTES
CHUNK_BYTES = 1024 * 1024
TAG_BYTES = 16


class BackupUnreadable(Exception):
    """An encrypted backup file that cannot be read back as it was written."""


def derive_keys(key, salt):
    """(AES key, key check) for `key` and `salt`. scrypt makes guessing a passphrase slow."""
    master = Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(key.encode())
    aes_key = hmac.digest(master, b"boardhub backup encryption", hashlib.sha256)
    check = hmac.digest(master, b"boardhub backup key check", hashlib.sha256)[:CHECK_BYTES]
    return aes_key, check


def nonce(prefix, number, last):
    return prefix + number.to_bytes(4, "big") + (b"\x01" if last else b"\x00")


class EncryptingWriter:
    """A write-only file object that encrypts what is written to it into `raw`.

    `close()` writes the last chunk: until then the file is incomplete and will not read back.
    """

    def __init__(self, raw, key, name):
        salt, self.prefix = os.urandom(SALT_BYTES), os.urandom(PREFIX_BYTES)
        aes_key, check = derive_keys(key, salt)
        self.header = MAGIC + VERSION + salt + self.prefix + check
        self.aead = AESGCM(aes_key)
        self.associated = self.header + name.encode()
        self.raw = raw
        self.raw.write(self.header)
        self.buffer = bytearray()
        self.number = 0

    def write(self, data):
        self.buffer += data
        # Keep at least one byte back, so the last chunk is always written by close().
        while len(self.buffer) > CHUNK_BYTES:
            self._write_chunk(bytes(self.buffer[:CHUNK_BYTES]), last=False)
            del self.buffer[:CHUNK_BYTES]
        return len(data)

    def close(self):
        self._write_chunk(bytes(self.buffer), last=True)
        self.buffer.clear()

    def _write_chunk(self, plain, last):
        sealed = self.aead.encrypt(nonce(self.prefix, self.number, last), plain, self.associated)
        self.raw.write(sealed)
        self.number += 1


def decrypted_chunks(raw, key, name):
    """Yield the plain chunks of the encrypted file `raw`, raising BackupUnreadable on any
    change. Only the last chunk proves the file whole: read them all before using any."""
    header = raw.read(HEADER_BYTES)
    if len(header) < HEADER_BYTES or not header.startswith(MAGIC + VERSION):
        raise BackupUnreadable(f"{name} is not an encrypted BoardHub backup file.")
    salt_end = len(MAGIC) + len(VERSION) + SALT_BYTES
    salt, prefix = header[len(MAGIC) + 1 : salt_end], header[salt_end:-CHECK_BYTES]
    aes_key, check = derive_keys(key, salt)
    if not secrets.compare_digest(check, header[-CHECK_BYTES:]):
        raise BackupUnreadable(
            "BACKUP_ENCRYPTION_KEY is not the key this backup was made with. "
            "Set it to that key, then run restore again."
        )
    aead, associated = AESGCM(aes_key), header + name.encode()
    sealed, number = raw.read(CHUNK_BYTES + TAG_BYTES), 0
    while True:
        following = raw.read(CHUNK_BYTES + TAG_BYTES)
        try:
            yield aead.decrypt(nonce(prefix, number, not following), sealed, associated)
        except InvalidTag:
            raise BackupUnreadable(
                f"{name} was changed or damaged after the backup was made. Use another backup."
            ) from None
        if not following:
            return
        sealed, number = following, number + 1
